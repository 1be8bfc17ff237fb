"""python -m ielearn.migrate_layout: a classification experiment's old-layout results move to
today's paths (ielearn/layout.py), once, keeping their times, and never over a newer result;
Snakemake's records follow, so that a migrated run has nothing to rerun."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, run_snakemake
from old_layout import records_to_old_layout, to_old_layout
from ielearn.errors import UserError
from ielearn.migrate_layout import in_either_layout, migrate
from ielearn.snakemake_records import record_path

OLD = ["baseline/model/config.json", "baseline/valid.score", "baseline/valid.pred", "bootstrap_0.score",
       "attention/iter_1/model/config.json", "attention/bootstrap_1.score", "scc/model/config.json",
       "scc/bootstrap_0.score", "random/iter_1/words/test.txt", "random/bootstrap_1.score",
       "none/iter_1/model/config.json", "seed_2/baseline/model/config.json", "seed_2/none/bootstrap_1.pred"]
NEW = ["iter_0/model/config.json", "iter_0/valid.score", "iter_0/valid.pred", "bootstrap_0.score",
       "attention/iter_1/model/config.json", "attention/bootstrap_1.score", "scc/iter_0/model/config.json",
       "scc/bootstrap_0.score", "control_random/iter_0/words/test.txt", "control_random/bootstrap_1.score",
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
    # seed 1: 3 baseline files, scc, random, none; seed 2: baseline, none; then random's words of model 0
    assert len(moves) == 3 + 1 + 2 + 1 + 1 + 1
    assert files_below(results) == sorted(NEW)
    for old, new in zip(OLD, NEW, strict=True):
        assert (results / new).read_text() == old
        assert (results / new).stat().st_mtime == 1_000_000 + OLD.index(old)
    assert not (results / "baseline").exists() and not (results / "seed_2/baseline").exists()
    assert migrate(results) == [] and files_below(results) == sorted(NEW)  # idempotent


def test_a_dry_run_moves_nothing(tmp_path):
    results = old_tree(tmp_path / "trec")
    assert len(migrate(results, dry_run=True)) == 9 and files_below(results) == sorted(OLD)


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
    assert run.returncode == 0 and "9 paths moved" in run.stdout
    missing = subprocess.run([sys.executable, "-m", "ielearn.migrate_layout", str(tmp_path / "nope")],
                             capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert missing.returncode == 1 and "no such results directory" in missing.stderr


# a run before issue 28: each system's words (rankings, scores, quality) of model k in iter_<k+1>/
BEFORE_28 = ["iter_0/model/config.json", "lime/iter_1/model/config.json", "lime/iter_1/words/test.txt",
             "lime/iter_1/quality/test.tsv", "lime/iter_2/words/test.shard_0.txt", "lime/iter_2/quality/test.tsv",
             "control_random/iter_1/words/test.txt", "control_random/iter_1/rankings/test.jsonl",
             "scc/iter_0/model/config.json", "scc/iter_1/scores/pool.jsonl",
             "seed_2/impactx/control_lambda_zero/iter_0/maps/train.jsonl",
             "seed_2/impactx/control_lambda_zero/iter_1/scores/test.jsonl", "iter_1/decode/test.pos"]
AFTER_28 = ["iter_0/model/config.json", "lime/iter_1/model/config.json", "lime/iter_0/words/test.txt",
            "lime/iter_0/quality/test.tsv", "lime/iter_1/words/test.shard_0.txt", "lime/iter_1/quality/test.tsv",
            "control_random/iter_0/words/test.txt", "control_random/iter_0/rankings/test.jsonl",
            "scc/iter_0/model/config.json", "scc/iter_0/scores/pool.jsonl",
            "seed_2/impactx/control_lambda_zero/iter_0/maps/train.jsonl",
            "seed_2/impactx/control_lambda_zero/iter_0/scores/test.jsonl", "iter_1/decode/test.pos"]


def test_explanations_move_down_to_the_model_they_explain(tmp_path):
    results = tmp_path / "results" / "trec"
    for i, name in enumerate(BEFORE_28):
        (results / name).parent.mkdir(parents=True, exist_ok=True)
        (results / name).write_text(name)
        os.utime(results / name, (1_000_000 + i, 1_000_000 + i))
    assert in_either_layout(results / "lime/iter_0/words/test.txt") == results / "lime/iter_1/words/test.txt"
    assert len(migrate(results)) == 8  # lime: 2 folders x 2 iterations; random 2; scc 1; the variant 1
    assert files_below(results) == sorted(AFTER_28)
    for old, new in zip(BEFORE_28, AFTER_28, strict=True):
        assert (results / new).read_text() == old
        assert (results / new).stat().st_mtime == 1_000_000 + BEFORE_28.index(old)
    assert not (results / "control_random/iter_1").exists()  # it held random's words only
    assert migrate(results) == [] and files_below(results) == sorted(AFTER_28)  # idempotent
    assert in_either_layout(results / "lime/iter_0/words/test.txt") == results / "lime/iter_0/words/test.txt"


def test_snakemakes_records_follow_the_moves_and_take_the_canonical_params(tmp_path):
    results = tmp_path / "results" / "trec"
    (results / "lime/iter_1/words").mkdir(parents=True)
    (results / "lime/iter_1/words/test.txt").write_text("a\n")
    (tmp_path / ".snakemake/metadata").mkdir(parents=True)
    words, enriched = "results/trec/lime/iter_1/words/test.txt", "results/trec/lime/iter_1/input/test.tsv"
    record_path(tmp_path, words).write_text(json.dumps({"rule": "cls_gather_words", "input": [], "params": []}))
    record_path(tmp_path, enriched).write_text(json.dumps({
        "rule": "cls_enrich", "input": ["results/trec/iter_0/model", "results/trec/examples/test.tsv", words],
        "params": ["{'max_length': 48, 'batch_size': 16}", "None"], "input_checksums": {words: "sha256:0"}}))
    migrate(results)
    new_words = "results/trec/lime/iter_0/words/test.txt"
    assert not record_path(tmp_path, words).exists()
    assert json.loads(record_path(tmp_path, new_words).read_text())["rule"] == "cls_gather_words"
    assert json.loads(record_path(tmp_path, enriched).read_text()) == {
        "rule": "cls_enrich", "input": ["results/trec/examples/test.tsv", "results/trec/iter_0/model", new_words],
        "params": ["{'batch_size': 16, 'max_length': 48}", "None"], "input_checksums": {new_words: "sha256:0"}}


def test_a_migrated_run_has_nothing_to_rerun(toy_runs, tmp_path):
    """The session's classification run, put back in the layout before issue 28 with its
    Snakemake records (old_layout.py), then migrated: Snakemake plans nothing."""
    run = shutil.copytree(toy_runs, tmp_path / "run", symlinks=True)
    assert to_old_layout(run / "results/toy_seeds")
    records_to_old_layout(run)
    migrate(run / "results/toy_seeds")
    plan = run_snakemake(run, "--dry-run", "results/toy_seeds/report/sections.txt").stdout
    assert "Nothing to be done" in plan, plan[-3000:]
