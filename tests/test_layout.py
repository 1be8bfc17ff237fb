"""ielearn/layout.py: one scheme for both halves, results/<exp>/<seed_dir><system_dir>iter_<k>/,
written out by hand for the cases each half has."""

import re

import pytest

from ielearn.design import Arm, classification_design, translation_design
from ielearn.errors import UserError
from ielearn.layout import (
    SEED_DIR,
    SYSTEM_DIR,
    classification_arm_files,
    iteration_dir,
    replicate_dirs,
    seed_of_dir,
    system_dir,
    system_of_dir,
    translation_arm_files,
    translation_noise_dir,
)

DEMO = {"append": "attention", "controls": ["random", "none"], "bootstrap": 2, "controls_bootstrap": 1,
        "seed": 1, "seeds": [4, 9], "noise": 0.0}
TREC = {"explainers": ["attention", "lime"], "controls": ["random", "none"], "bootstrap": 2, "seeds": [1, 2],
        "scc": {"enabled": True}}


def test_the_first_seed_keeps_the_plain_paths_and_others_go_below_seed_s():
    assert replicate_dirs(DEMO) == [(4, ""), (9, "seed_9/")]
    assert replicate_dirs({"seed": 3, "seeds": None}) == [(3, "")]
    assert [seed_of_dir(DEMO, d) for d in ("", "seed_9/")] == [4, 9]
    for wrong in ("seed_4/", "seed_5/"):  # the first seed lives in results/<exp>/ itself
        with pytest.raises(UserError, match="not a further replicate"):
            seed_of_dir(DEMO, wrong, "demo")


def test_translation_main_system_has_no_directory_and_controls_have_their_own():
    design = translation_design(DEMO)
    assert [system_dir(design, s) for s in ("attention", "random", "none")] == ["", "control_random/",
                                                                                 "control_none/"]
    assert system_of_dir(design, "") == ("attention", None)
    assert system_of_dir(design, "control_none/") == ("none", None)
    assert system_of_dir(design, "noise_50/") == ("attention", 50)  # noise runs append the main words
    assert translation_arm_files("demo", design, 4, Arm("attention", 2)) == {
        "valid": "results/demo/iter_2/valid.bleu", "test": "results/demo/bootstrap_2.bleu",
        "hyp": "results/demo/iter_2/decode/test.txt", "compute": "results/demo/iter_2/model/compute.json"}
    files = translation_arm_files("demo", design, 9, Arm("random", 1))
    assert files["test"] == "results/demo/seed_9/control_random/bootstrap_1.bleu"
    assert files["valid"] == "results/demo/seed_9/control_random/iter_1/valid.bleu"


def test_every_system_starts_from_the_replicates_shared_baseline_except_its_own_start():
    assert iteration_dir("demo", "seed_9/", "control_none/", 0) == "results/demo/seed_9/iter_0"
    assert iteration_dir("demo", "seed_9/", "control_none/", 1) == "results/demo/seed_9/control_none/iter_1"
    assert iteration_dir("trec", "", "scc/control_none/", 0, start="scc/") == "results/trec/scc/iter_0"
    assert (iteration_dir("trec", "", "impactx/control_lambda_zero/", 0, start="impactx/control_lambda_zero/")
            == "results/trec/impactx/control_lambda_zero/iter_0")


def test_classification_baseline_is_iter_0_and_scc_has_its_own():
    design = classification_design(TREC)
    assert classification_arm_files("trec", design, 1, Arm("baseline", 0)) == {
        "valid": "results/trec/iter_0/valid.score", "test": "results/trec/bootstrap_0.score",
        "pred": "results/trec/bootstrap_0.pred", "model": "results/trec/iter_0/model"}
    assert classification_arm_files("trec", design, 2, Arm("scc", 0))["model"] == "results/trec/seed_2/scc/iter_0/model"
    files = classification_arm_files("trec", design, 2, Arm("random", 2))
    assert files["test"] == "results/trec/seed_2/control_random/bootstrap_2.score"
    assert files["valid"] == "results/trec/seed_2/control_random/iter_2/valid.score"
    assert system_of_dir(design, "") == ("baseline", None)
    assert system_of_dir(design, "lime/") == ("lime", None)


def test_noise_runs_reuse_the_main_system_at_its_own_rate_and_the_random_control_at_100():
    assert translation_noise_dir(0, DEMO) == ""
    assert translation_noise_dir(50, DEMO) == "noise_50/"
    assert translation_noise_dir(100, DEMO) == "control_random/"
    assert translation_noise_dir(100, {**DEMO, "controls": ["none"]}) == "noise_100/"


def test_the_wildcard_patterns_match_every_directory_and_nothing_else():
    for good in ("", "attention/", "scc/", "control_random/", "control_none/", "noise_25/"):
        assert re.fullmatch(SYSTEM_DIR, good), good
    for bad in ("random/", "baseline/", "control_other/", "attention"):
        assert not re.fullmatch(SYSTEM_DIR, bad), bad
    assert re.fullmatch(SEED_DIR, "seed_12/") and re.fullmatch(SEED_DIR, "")
    assert not re.fullmatch(SEED_DIR, "seed_x/")
