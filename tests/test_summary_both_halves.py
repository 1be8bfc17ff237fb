"""Both halves write one summary table (ielearn/summary.py): the same columns, the same
baseline row and pick marker; and ielearn.recompute makes that table, byte for byte, of the
per-seed files each half keeps beside it."""

import shutil

import pytest

from conftest import REPO
from ielearn.errors import UserError
from ielearn.io import read_tsv
from ielearn.recompute import recompute
from ielearn.summary import COLUMNS
from test_classify_summary import classification_run
from test_recompute import tiny_tables

COMPARISON_CELLS = [column for column in COLUMNS if column.startswith(("delta_", "ci_", "p_"))]


@pytest.fixture(scope="module")
def halves(tmp_path_factory):
    """{half: (the pipeline's summary table, the folder of its per-seed files)}"""
    tmp_path = tmp_path_factory.mktemp("halves")
    translation, _ = tiny_tables(tmp_path, [1, 2], "tiny", compute=True)
    classification = classification_run(tmp_path, "toy", [1, 2])
    return {"translation": (translation / "table.tsv", translation),
            "classification": (classification["table"], tmp_path / "toy")}


def test_both_halves_have_the_same_columns_baseline_row_and_pick_marker(halves):
    for table, folder in halves.values():
        rows = read_tsv(table)
        assert list(rows[0])[:len(COLUMNS)] == COLUMNS
        baseline = rows[0]
        assert (baseline["system"], baseline["iteration"]) == ("baseline", "0")
        assert [baseline[column] for column in COMPARISON_CELLS] == [""] * len(COMPARISON_CELLS)  # not NA
        assert {row["picked_by_valid"] for row in rows} == {"yes", "no"}
        assert all(row[column] != "" for row in rows[1:] for column in ("delta_baseline", "p_baseline"))


def test_the_baseline_row_is_the_baselines_model_in_either_half(halves):
    """Translation's baseline is attention's model 0 (so named in the per-seed scores); its
    row is `baseline` 0 all the same, with that model's mean test BLEU."""
    table, folder = halves["translation"]
    tests = [float(row["test_bleu"]) for row in read_tsv(folder / "scores_per_seed.tsv")
             if (row["system"], row["iteration"]) == ("attention", "0")]
    assert len(tests) == 2 and read_tsv(table)[0]["test_mean"] == f"{sum(tests) / 2:.2f}"
    table, _ = halves["classification"]
    assert read_tsv(table)[0]["test_mean"] == "50.00"  # 10 of 20 right in both seeds


@pytest.mark.parametrize("half", ["translation", "classification"])
def test_recompute_writes_the_pipelines_table_byte_for_byte(tmp_path, halves, half):
    table, folder = halves[half]
    here = tmp_path / folder.name  # the folder's name is the experiment's
    shutil.copytree(folder, here)
    recompute(here, REPO / "config.yaml", out=tmp_path / "again")
    assert (tmp_path / "again/summary.tsv").read_text() == table.read_text()


def test_translations_table_ends_with_the_compute_means_that_recompute_reads_back(halves):
    """Each model's compute.json, mean over seeds: updates 100 × seed + 7k → 150 + 7k."""
    table, _ = halves["translation"]
    rows = read_tsv(table)
    assert list(rows[0])[len(COLUMNS):] == ["updates_mean", "epochs_mean", "source_tokens_mean"]
    assert [(row["updates_mean"], row["epochs_mean"], row["source_tokens_mean"]) for row in rows[:2]] == [
        ("150.00", "3.75", "1001.50"), ("157.00", "3.75", "1001.50")]


def test_a_broken_compute_table_is_one_error_naming_its_line(tmp_path, halves):
    _, folder = halves["translation"]
    here = tmp_path / folder.name
    shutil.copytree(folder, here)
    (here / "compute.tsv").write_text("seed\tsystem\titeration\tupdates\n1\tattention\t0\tmany\n")
    with pytest.raises(UserError, match=r"compute.tsv, line 2: a cell is not a number"):
        recompute(here, REPO / "config.yaml", out=tmp_path / "again")
