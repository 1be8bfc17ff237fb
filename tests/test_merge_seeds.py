"""Seeds run in two sessions, merged into one folder, give the statistics of one run over all
of them (ielearn.merge_seeds, then ielearn.recompute)."""

import gzip
import shutil

import pytest
import yaml

from ielearn.errors import UserError
from ielearn.merge_seeds import main, merge_seeds
from ielearn.recompute import recompute
from conftest import REPO
from test_classify_summary import classification_run
from test_recompute import tiny_tables


def test_two_sessions_merged_are_one_run_over_every_seed(tmp_path):
    whole, _ = tiny_tables(tmp_path / "whole", [1, 2, 3])
    first, _ = tiny_tables(tmp_path / "parts", [1, 2], "first")
    second, _ = tiny_tables(tmp_path / "parts", [3], "second")
    target = tmp_path / "tiny"
    main([str(target), str(first)])  # starts the committed folder from the first session
    assert merge_seeds(target, second) == [1, 2, 3]
    assert yaml.safe_load((target / "config.yaml").read_text())["experiments"]["tiny"]["seeds"] == [1, 2, 3]
    recompute(target, target / "config.yaml")
    # the same per-seed scores, item records and statistics as one run over the three seeds
    assert (target / "scores_per_seed.tsv").read_text() == (whole / "scores_per_seed.tsv").read_text()
    with gzip.open(target / "items_per_seed.tsv.gz", "rt") as a, gzip.open(whole / "items_per_seed.tsv.gz", "rt") as b:
        assert a.read() == b.read()
    assert (target / "comparisons.tsv").read_text() == (whole / "comparisons.tsv").read_text()
    assert (target / "verdict.txt").read_text() == (whole / "verdict.txt").read_text()


def test_a_seed_twice_or_another_configuration_is_refused(tmp_path):
    first, _ = tiny_tables(tmp_path / "a", [1, 2], "first")
    again, _ = tiny_tables(tmp_path / "b", [2], "again")
    with pytest.raises(UserError, match=r"seed\(s\) \[2\] are already in"):
        merge_seeds(first, again)
    other, _ = tiny_tables(tmp_path / "c", [3], "other")
    config = yaml.safe_load((other / "config.yaml").read_text())
    config["experiments"]["tiny"]["bootstrap"] = 3
    (other / "config.yaml").write_text(yaml.safe_dump(config))
    with pytest.raises(UserError, match="differ in more than `seeds`"):
        merge_seeds(first, other)
    bare, _ = tiny_tables(tmp_path / "d", [4], "bare")
    (bare / "items_per_seed.tsv.gz").unlink()
    with pytest.raises(UserError, match="items_per_seed.tsv.gz is in only one of"):
        merge_seeds(first, bare)
    shutil.rmtree(bare)


def test_a_results_folder_without_config_takes_the_run_config_entries(tmp_path):
    first, _ = tiny_tables(tmp_path / "a", [1, 2], "first")
    run_config = tmp_path / "config.yaml"
    shutil.move(first / "config.yaml", run_config)
    target = tmp_path / "tiny"
    main([str(target), str(first), "--config", str(run_config)])
    recorded = yaml.safe_load((target / "config.yaml").read_text())
    assert recorded["experiments"]["tiny"]["seeds"] == [1, 2] and list(recorded["datasets"]) == ["tiny"]
    second, _ = tiny_tables(tmp_path / "b", [3], "second")
    assert merge_seeds(target, second) == [1, 2, 3]


def test_classification_sessions_merge_from_the_summarys_own_files(tmp_path):
    whole = classification_run(tmp_path / "whole", "toy", [1, 2])
    classification_run(tmp_path / "first", "toy", [1])
    classification_run(tmp_path / "second", "toy", [2])
    target = tmp_path / "committed" / "toy"
    main([str(target), str(tmp_path / "first/toy")])
    assert merge_seeds(target, tmp_path / "second/toy") == [1, 2]
    assert (target / "classification_scores_per_seed.tsv").read_text() == whole["scores"].read_text()
    recompute(target, REPO / "config.yaml")
    assert (target / "comparisons.tsv").read_text() == whole["comparisons"].read_text()


def test_a_classification_run_without_the_score_table_gets_it_from_its_per_seed_table(tmp_path):
    """A run made before the summary wrote classification_scores_per_seed.tsv: merge_seeds
    derives it from classification_per_seed.tsv (scores to 2 decimals, exact here)."""
    whole = classification_run(tmp_path / "whole", "toy", [1, 2])
    classification_run(tmp_path / "first", "toy", [1])
    old = classification_run(tmp_path / "second", "toy", [2])
    old["scores"].unlink()
    target = tmp_path / "committed" / "toy"
    main([str(target), str(tmp_path / "first/toy")])
    main([str(target), str(tmp_path / "second/toy")])
    assert (target / "classification_scores_per_seed.tsv").read_text() == whole["scores"].read_text()
