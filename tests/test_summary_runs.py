"""Pairing the design's arms with a summary rule's input lists (ielearn.summary_runs)."""

import pytest

from ielearn.design import classification_design, translation_design
from ielearn.errors import UserError
from ielearn.io import write_json
from ielearn.summary_runs import arms_over_seeds, files_over_seeds, summary_runs


def test_each_arm_gets_the_files_at_its_position():
    arms = [(1, "attention", "0"), (1, "none", 1)]
    runs = summary_runs(arms, valid=["v0", "v1"], test=["t0", "t1"], hyp=["h0", "h1"])
    assert runs == [{"seed": 1, "system": "attention", "iteration": 0, "valid": "v0", "test": "t0", "hyp": "h0"},
                    {"seed": 1, "system": "none", "iteration": 1, "valid": "v1", "test": "t1", "hyp": "h1"}]


def test_both_halves_summaries_read_their_arms_seed_by_seed_in_the_designs_order():
    """The one helper of both summary rules (and summarise_seeds): each seed's arms in order."""
    translation = translation_design({"append": "attention", "controls": ["none"], "bootstrap": 2,
                                      "controls_bootstrap": None, "seeds": [1, 2]})
    assert arms_over_seeds(translation) == [(1, "attention", 0), (1, "attention", 1), (1, "attention", 2),
                                            (1, "none", 1), (1, "none", 2), (2, "attention", 0),
                                            (2, "attention", 1), (2, "attention", 2), (2, "none", 1), (2, "none", 2)]
    classification = classification_design({"explainers": ["lime"], "controls": ["random"], "bootstrap": 1,
                                             "seeds": [3, 4, 5]})
    assert arms_over_seeds(classification, seeds=[5]) == [(5, "baseline", 0), (5, "lime", 1), (5, "random", 1)]
    files = files_over_seeds(classification, lambda seed, arm: {"test": f"{seed}/{arm.label}", "model": "m"},
                             ("test",), seeds=[4, 5])
    assert files == {"test": ["4/baseline/0", "4/lime/1", "4/random/1", "5/baseline/0", "5/lime/1", "5/random/1"]}


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
