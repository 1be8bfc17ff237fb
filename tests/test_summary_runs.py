"""Pairing the design's arms with a summary rule's input lists (ielearn.summary_runs)."""

import pytest

from ielearn.errors import UserError
from ielearn.io import write_json
from ielearn.summary_runs import summary_runs


def test_each_arm_gets_the_files_at_its_position():
    arms = [(1, "attention", "0"), (1, "none", 1)]
    runs = summary_runs(arms, valid=["v0", "v1"], test=["t0", "t1"], hyp=["h0", "h1"])
    assert runs == [{"seed": 1, "system": "attention", "iteration": 0, "valid": "v0", "test": "t0", "hyp": "h0"},
                    {"seed": 1, "system": "none", "iteration": 1, "valid": "v1", "test": "t1", "hyp": "h1"}]


@pytest.mark.parametrize("files", [{"valid": ["v0"], "test": ["t0", "t1"]}, {"valid": ["v0", "v1", "v2"]}])
def test_a_list_of_another_length_is_an_error_not_a_silent_cut(files):
    with pytest.raises(ValueError):
        summary_runs([(1, "attention", 0), (1, "none", 1)], **files)


def scores_with_records(tmp_path, trained_seeds):
    """A test score per (seed, iteration 0) run with its provenance record naming the seeds
    its models trained with, as ielearn.provenance.records writes them."""
    paths = []
    for folder, seeds in trained_seeds.items():
        score = tmp_path / folder / "bootstrap_0.score"
        score.parent.mkdir(parents=True)
        score.write_text("{}")
        write_json(f"{score}.provenance.json", {"seeds": {"training": seeds, "words": None}})
        paths.append(str(score))
    return paths


def test_scores_of_models_trained_with_the_replicates_seed_pass(tmp_path):
    tests = scores_with_records(tmp_path, {"first": [1], "seed_2": [2, None]})  # None: a model without a record
    runs = summary_runs([(1, "baseline", 0), (2, "baseline", 0)], test=tests)
    assert [run["seed"] for run in runs] == [1, 2]


def test_a_seed_read_from_another_replicates_folder_is_one_clear_error(tmp_path):
    """seeds [2, 1] in a run made with [1, 2]: seed 2 would read results/<exp>/, seed 1's models."""
    tests = scores_with_records(tmp_path, {"first": [1], "seed_2": [2]})
    with pytest.raises(UserError, match=r"read as seed 2's baseline/0, but its models trained with seed\(s\) \[1\]"):
        summary_runs([(2, "baseline", 0), (1, "baseline", 0)], test=tests)
