"""The summary of chosen seeds of a finished run, read where the run wrote them
(ielearn.summarise_seeds): all seeds give the pipeline's own tables byte for byte, one seed
gives that seed's rows, and its folder merges into a committed one (tests read the session's
two Snakemake runs)."""

import shutil

import pytest
import yaml

from old_layout import to_old_layout

from ielearn.design import classification_design
from ielearn.errors import UserError
from ielearn.io import read_tsv
from ielearn.merge_seeds import main as merge
from ielearn.summarise_seeds import summarise_seeds, write_quality_tables


def test_every_seed_of_the_classification_run_gives_the_pipelines_tables(toy_runs, tmp_path, monkeypatch):
    monkeypatch.chdir(toy_runs)
    summarise_seeds(toy_runs / "config.yaml", "toy_seeds", [1, 2], tmp_path / "both")
    for name in ("classification_comparisons.tsv", "classification_verdict.txt", "classification_per_seed.tsv",
                 "classification_quality.tsv", "classification_quality_comparisons.tsv"):
        assert (tmp_path / "both" / name).read_text() == (toy_runs / "results/toy_seeds" / name).read_text()
    # no IMPACTX and no simulability in toy_seeds: neither their tables nor their per-seed files
    written = [path.name for path in (tmp_path / "both").iterdir()]
    assert not [name for name in written if "agreement" in name or "simulability" in name]
    summarise_seeds(toy_runs / "config.yaml", "toy_seeds", [2], tmp_path / "second")
    rows = read_tsv(tmp_path / "second/classification_scores_per_seed.tsv")
    assert {row["seed"] for row in rows} == {"2"} and len(rows) == len(read_tsv(
        tmp_path / "both/classification_scores_per_seed.tsv")) // 2
    recorded = yaml.safe_load((tmp_path / "second/config.yaml").read_text())
    assert recorded["classification"]["experiments"]["toy_seeds"]["seeds"] == [2]
    # a session's seeds merge into the committed folder of the others
    target = tmp_path / "committed" / "toy_seeds"
    summarise_seeds(toy_runs / "config.yaml", "toy_seeds", [1], tmp_path / "first")
    merge([str(target), str(tmp_path / "first")])
    merge([str(target), str(tmp_path / "second")])
    assert (target / "classification_scores_per_seed.tsv").read_text() == (
        tmp_path / "both/classification_scores_per_seed.tsv").read_text()


def test_a_run_in_the_layout_before_issue_28_is_summarised_where_it_wrote(toy_runs, tmp_path, monkeypatch):
    """A run still going at an older commit (its quality curves one iteration up) needs no
    migration: the seed route reads them there and gives the pipeline's tables."""
    run = tmp_path / "run"
    shutil.copytree(toy_runs / "results/toy_seeds", run / "results/toy_seeds", symlinks=True)
    shutil.copy(toy_runs / "config.yaml", run)
    assert "attention/iter_1/quality" in to_old_layout(run / "results/toy_seeds")
    monkeypatch.chdir(run)
    summarise_seeds(run / "config.yaml", "toy_seeds", [1, 2], tmp_path / "out")
    for name in ("classification_quality.tsv", "classification_quality_per_seed.tsv",
                 "classification_quality_comparisons.tsv", "classification_comparisons.tsv"):
        assert (tmp_path / "out" / name).read_text() == (toy_runs / "results/toy_seeds" / name).read_text()


def test_the_translation_run_and_the_errors(tiny_run, tmp_path, monkeypatch):
    monkeypatch.chdir(tiny_run)
    summarise_seeds(tiny_run / "config.yaml", "tiny", [1, 2], tmp_path / "both")
    for name in ("comparisons.tsv", "verdict.txt", "scores_per_seed.tsv"):
        assert (tmp_path / "both" / name).read_text() == (tiny_run / "results/tiny" / name).read_text()
    with pytest.raises(UserError, match=r"seed\(s\) \[7\] are not among tiny's seeds \[1, 2\]"):
        summarise_seeds(tiny_run / "config.yaml", "tiny", [7], tmp_path / "seven")
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run / "results/tiny", copy / "results/tiny", symlinks=True)
    shutil.copy(tiny_run / "config.yaml", copy)
    next(copy.glob("results/tiny/seed_2/bootstrap_1.bleu")).unlink()
    monkeypatch.chdir(copy)
    with pytest.raises(UserError, match=r"seed_2/bootstrap_1.bleu is missing .* are seeds \[2\] finished"):
        summarise_seeds(copy / "config.yaml", "tiny", [2], tmp_path / "two")


def test_missing_quality_curves_leave_the_quality_tables_out_and_say_so(tmp_path, monkeypatch):
    """A run whose replicate_targets did not name the quality curves still gets its score
    tables; the quality tables are not written, and the message names a missing curve."""
    monkeypatch.chdir(tmp_path)
    design = classification_design({"explainers": ["attention"], "controls": ["random"], "bootstrap": 1,
                                     "seeds": [1, 2]})
    message = write_quality_tables("toy", design, [2], {}, tmp_path / "out")
    assert message.startswith("quality tables not written: results/toy/seed_2/attention/iter_0/quality/test.tsv "
                              "is missing (2 curve file(s) in all)")
    assert not (tmp_path / "out").exists()
