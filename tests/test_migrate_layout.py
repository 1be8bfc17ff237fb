"""python -m ielearn.migrate_layout: a classification experiment's old-layout results move to
today's paths (ielearn/layout.py), once, keeping their times, and never over a newer result."""

import os
import subprocess
import sys

import pytest

from conftest import REPO
from ielearn.errors import UserError
from ielearn.migrate_layout import migrate

OLD = ["baseline/model/config.json", "baseline/valid.score", "baseline/valid.pred", "bootstrap_0.score",
       "attention/iter_1/model/config.json", "attention/bootstrap_1.score", "scc/model/config.json",
       "scc/bootstrap_0.score", "random/iter_1/words/test.txt", "random/bootstrap_1.score",
       "none/iter_1/model/config.json", "seed_2/baseline/model/config.json", "seed_2/none/bootstrap_1.pred"]
NEW = ["iter_0/model/config.json", "iter_0/valid.score", "iter_0/valid.pred", "bootstrap_0.score",
       "attention/iter_1/model/config.json", "attention/bootstrap_1.score", "scc/iter_0/model/config.json",
       "scc/bootstrap_0.score", "control_random/iter_1/words/test.txt", "control_random/bootstrap_1.score",
       "control_none/iter_1/model/config.json", "seed_2/iter_0/model/config.json",
       "seed_2/control_none/bootstrap_1.pred"]


def files_below(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def old_tree(root):
    for i, name in enumerate(OLD):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    return root


def test_old_paths_move_to_the_new_layout_with_their_content_and_times(tmp_path):
    results = old_tree(tmp_path / "trec")
    moves = migrate(results)
    assert len(moves) == 3 + 1 + 2 + 1 + 1  # seed 1: 3 baseline files, scc, random, none; seed 2: baseline, none
    assert files_below(results) == sorted(NEW)
    for old, new in zip(OLD, NEW, strict=True):
        assert (results / new).read_text() == old
        assert (results / new).stat().st_mtime == 1_000_000 + OLD.index(old)
    assert not (results / "baseline").exists() and not (results / "seed_2/baseline").exists()
    assert migrate(results) == [] and files_below(results) == sorted(NEW)  # idempotent


def test_a_dry_run_moves_nothing(tmp_path):
    results = old_tree(tmp_path / "trec")
    assert len(migrate(results, dry_run=True)) == 8 and files_below(results) == sorted(OLD)


def test_an_existing_target_stops_every_move_and_is_named(tmp_path):
    results = old_tree(tmp_path / "trec")
    (results / "control_none").mkdir()
    with pytest.raises(UserError, match=r"none → .*control_none"):
        migrate(results)
    assert files_below(results) == sorted(OLD)


def test_the_command_line_reports_moves_and_errors(tmp_path):
    results = old_tree(tmp_path / "trec")
    run = subprocess.run([sys.executable, "-m", "ielearn.migrate_layout", str(results)], capture_output=True,
                         text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 0 and "8 paths moved" in run.stdout
    missing = subprocess.run([sys.executable, "-m", "ielearn.migrate_layout", str(tmp_path / "nope")],
                             capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert missing.returncode == 1 and "no such results directory" in missing.stderr
