"""Recompute and both summaries refuse an incomplete or non-numeric per-seed table
(ielearn/score_rows.py): one message naming the file, the line and each missing, extra or
duplicate entry, before any statistic is computed."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from ielearn.design import Arm, Design
from ielearn.errors import UserError
from ielearn.recompute import recompute
from ielearn.score_rows import ScoreRow, check_scores, read_score_table, score_files

GETTEXT = REPO / "docs/results/earlier/gettext"


@pytest.fixture
def gettext(tmp_path):
    """A copy of docs/results/earlier/gettext's per-seed scores and config, and the table's lines."""
    here = tmp_path / "gettext"
    here.mkdir()
    for name in ("scores_per_seed.tsv", "config.yaml"):
        shutil.copy(GETTEXT / name, here)
    return here, (here / "scores_per_seed.tsv").read_text().splitlines(keepends=True)


def recompute_error(here, lines):
    (here / "scores_per_seed.tsv").write_text("".join(lines))
    with pytest.raises(UserError) as error:
        recompute(here, REPO / "config.yaml")
    assert not (here / "verdict.txt").exists()
    return str(error.value)


def test_the_committed_table_is_complete(gettext):
    here, _ = gettext
    recompute(here, REPO / "config.yaml")
    assert (here / "verdict.txt").exists()


def test_a_deleted_row_is_named(gettext):
    here, lines = gettext
    assert lines[6].split("\t")[:3] == ["1", "random", "2"]
    message = recompute_error(here, lines[:6] + lines[7:])
    assert f"{here}/scores_per_seed.tsv must hold each of the design's 10 system/iteration arms" in message
    assert "but: missing seed 1 random/2. Restore" in message


def test_a_duplicate_and_an_extra_row_are_named_with_their_lines(gettext):
    here, lines = gettext
    extra = "4" + lines[2][1:]
    message = recompute_error(here, lines + [lines[2], extra])
    table = here / "scores_per_seed.tsv"
    assert f"duplicate seed 1 attention/1 ({table}, line 3 and {table}, line 32)" in message
    assert f"extra seed 4 attention/1 ({table}, line 33): not in the design" in message
    assert "missing" not in message


@pytest.mark.parametrize("value", ["abc", "", "nan", "inf"])
def test_a_non_numeric_score_names_file_and_line(gettext, value):
    here, lines = gettext
    fields = lines[4].rstrip("\n").split("\t")
    lines[4] = "\t".join(fields[:4] + [value]) + "\n"
    message = recompute_error(here, lines)
    assert message.startswith(f"{here}/scores_per_seed.tsv, line 5: the test score '{value}' is not a number")


def test_a_missing_column_and_a_short_row_are_named(gettext):
    here, lines = gettext
    assert "line 1: the header lacks the column(s) test or test_bleu" in recompute_error(
        here, [lines[0].replace("test_bleu", "tst")] + lines[1:])
    assert "line 3: 5 tab-separated fields expected" in recompute_error(
        here, lines[:2] + ["1\tattention\t1\t32.33\n"] + lines[3:])


def test_the_command_line_says_it_in_one_line(gettext):
    here, lines = gettext
    (here / "scores_per_seed.tsv").write_text("".join(lines[:6] + lines[7:]))
    result = subprocess.run([sys.executable, "-m", "ielearn.recompute", str(here), "--config", str(REPO / "config.yaml")],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1
    assert result.stderr.startswith("ielearn: ") and "missing seed 1 random/2" in result.stderr
    assert "Traceback" not in result.stderr


DESIGN = Design(Arm("attention", 0), ("attention",), ("none",), 1, 1, (1, 2))


def summary_runs(tmp_path, score="score", bad=None):
    runs = []
    for seed in DESIGN.seeds:
        for arm in DESIGN.arms():
            run = {"seed": seed, "system": arm.system, "iteration": arm.iteration}
            for split in ("valid", "test"):
                path = tmp_path / f"{seed}_{arm.system}_{arm.iteration}.{split}"
                value = bad if bad and (seed, arm, split) == (2, Arm("none", 1), "valid") else 30.0
                path.write_text(json.dumps({score: value}))
                run[split] = str(path)
            runs.append(run)
    return runs


@pytest.mark.parametrize("key", ["score", "value"])  # translation's .bleu, classification's .score
def test_a_summarys_score_files_are_checked_too(tmp_path, key):
    runs = summary_runs(tmp_path, key)
    assert len(check_scores(DESIGN, score_files(runs, key), "inputs")) == 6
    with pytest.raises(UserError, match="missing seed 2 attention/1"):
        check_scores(DESIGN, score_files(runs[:4] + runs[5:], key), "inputs")
    runs = summary_runs(tmp_path, key, bad="n/a")
    with pytest.raises(UserError, match=f"^{tmp_path}/2_none_1.valid: the valid score 'n/a' is not a number"):
        check_scores(DESIGN, score_files(runs, key), "inputs")


def test_rows_of_the_design_in_any_order_pass():
    rows = [ScoreRow(seed, arm.system, arm.iteration, "1.5", 2, "t", "t")
            for arm in reversed(DESIGN.arms()) for seed in DESIGN.seeds]
    assert {row.valid for row in check_scores(DESIGN, rows, "t")} == {1.5}
    assert read_score_table(GETTEXT / "scores_per_seed.tsv")[0].valid_at.endswith("scores_per_seed.tsv, line 2")
