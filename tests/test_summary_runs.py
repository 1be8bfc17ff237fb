"""Pairing the design's arms with a summary rule's input lists (ielearn.summary_runs)."""

import pytest

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
