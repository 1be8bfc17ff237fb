"""ielearn/design.py: which arms, runs and comparisons an experiment has, for both halves;
and that the rules' imports (and so Snakefile parsing) leave torch and fairseq alone."""

import re
import subprocess
import sys

from conftest import REPO
from ielearn.design import Arm, classification_design, translation_design

DEMO = {"append": "attention", "controls": ["random", "none"], "bootstrap": 3, "controls_bootstrap": 2,
        "seed": 1, "seeds": [1, 2]}


def test_translation_arms():
    design = translation_design(DEMO)
    assert design.baseline == Arm("attention", 0) and design.seeds == (1, 2)
    assert [arm.label for arm in design.arms()] == [
        "attention/0", "attention/1", "attention/2", "attention/3", "random/1", "random/2", "none/1", "none/2"]
    # a control that is the experiment's own `append` is not run twice
    as_random = translation_design({**DEMO, "append": "random", "controls_bootstrap": None})
    assert as_random.controls == ("none",) and as_random.control_depth == 3


def test_comparisons_are_every_arm_against_the_baseline_and_each_control_at_the_same_iteration():
    design = translation_design(DEMO)
    pairs = [(c.arm.label, c.against.label, c.why) for c in design.comparisons()]
    assert pairs[:7] == [(label, "attention/0", "baseline") for label in (
        "attention/1", "attention/2", "attention/3", "random/1", "random/2", "none/1", "none/2")]
    assert pairs[7:] == [("attention/1", "random/1", "same iteration"), ("attention/1", "none/1", "same iteration"),
                         ("attention/2", "random/2", "same iteration"), ("attention/2", "none/2", "same iteration")]
    assert design.control_arm("random", 3) is None  # beyond controls_bootstrap


def test_picked_comparisons_put_each_arm_at_its_own_validation_pick():
    design = translation_design(DEMO)
    picks = {"attention": Arm("attention", 3), "random": Arm("random", 2), "none": Arm("none", 1)}
    assert [(c.arm.label, c.against.label, c.why) for c in design.picked_comparisons(picks)] == [
        ("attention/3", "random/2", "own picks"), ("attention/3", "none/1", "own picks")]
    same = {"attention": Arm("attention", 2), "random": Arm("random", 2), "none": Arm("none", 2)}
    assert design.picked_comparisons(same) == []  # already fixed comparisons
    assert design.picked_comparisons({**picks, "attention": design.baseline}) == []
    assert design.candidates("attention")[0] == design.baseline and design.candidates("none") == [
        Arm("none", 1), Arm("none", 2)]


def test_classification_has_one_baseline_and_every_explainer():
    design = classification_design({"explainers": ["attention", "lime"], "controls": ["none"], "bootstrap": 1,
                                    "seeds": [1, 2, 3]})
    assert [arm.label for arm in design.arms()] == ["baseline/0", "attention/1", "lime/1", "none/1"]
    assert [(c.arm.label, c.against.label) for c in design.comparisons()] == [
        ("attention/1", "baseline/0"), ("lime/1", "baseline/0"), ("none/1", "baseline/0"),
        ("attention/1", "none/1"), ("lime/1", "none/1")]


def test_the_design_decides_the_quality_faithfulness_and_noise_runs():
    """The runs beside the arms: explanation quality (classification), faithfulness and the
    noise curve (translation) come from the design, as the arms do."""
    with_random = classification_design({"explainers": ["attention", "lime"], "controls": ["random", "none"],
                                         "bootstrap": 2, "seeds": [1]})
    assert with_random.quality_systems() == ("attention", "lime", "random")
    assert with_random.quality_runs() == [("attention", 1), ("attention", 2), ("lime", 1), ("lime", 2),
                                          ("random", 1), ("random", 2)]
    # without the random control, its words are drawn on the baseline once: the floor at iteration 1
    without = classification_design({"explainers": ["shap"], "controls": ["none"], "bootstrap": 2, "seeds": [1]})
    assert without.quality_runs() == [("shap", 1), ("shap", 2), ("random", 1)]
    design = translation_design({**DEMO, "noise_rates": [0, 50, 100]})
    assert design.faithfulness_runs() == [0, 1, 2, 3]  # every model of the attention chain
    assert design.noise_runs() == [0, 50, 100] and translation_design(DEMO).noise_runs() == []


def test_scc_is_trained_from_the_pretrained_encoder_and_compared_with_baseline_none_and_the_picks():
    design = classification_design({"explainers": ["attention", "scc"], "controls": ["random", "none"],
                                    "bootstrap": 1, "seeds": [1, 2], "scc": {"enabled": True}})
    assert [arm.label for arm in design.arms()] == ["baseline/0", "scc/0", "attention/1", "scc/1", "random/1",
                                                    "none/1", "random@scc/1", "none@scc/1"]
    pairs = [(c.arm.label, c.against.label, c.why) for c in design.comparisons()]
    assert ("scc/0", "baseline/0", "baseline") in pairs and ("scc/0", "none/1", "same budget") in pairs
    assert not any(arm == "scc/0" and against == "random/1" for arm, against, _ in pairs)
    assert design.against(Arm("scc", 0), "none") == Arm("none", 1) and design.against(Arm("scc", 0), "random") is None
    # the scc explainer's chain starts from the SCC model: validation keeps one of its own models
    assert design.candidates("scc") == [Arm("scc", 0), Arm("scc", 1)]
    picks = {"attention": Arm("attention", 1), "scc": Arm("scc", 0), "random": Arm("random", 1),
             "none": Arm("none", 1), "random@scc": Arm("random@scc", 1), "none@scc": Arm("none@scc", 1)}
    # the scc chain at its pick against its own controls' picks, and the SCC system against
    # attention's pick, not against itself
    assert [(c.arm.label, c.against.label) for c in design.picked_comparisons(picks) if c.arm == Arm("scc", 0)] == [
        ("scc/0", "random@scc/1"), ("scc/0", "none@scc/1"), ("scc/0", "attention/1")]
    assert classification_design({"explainers": ["attention"], "controls": ["none"], "bootstrap": 1,
                                  "seeds": [1], "scc": {"enabled": False}}).trained == ()


def test_the_scc_words_have_their_own_controls_same_start_loss_and_budget():
    """scc/1 fine-tunes scc/0 (SCC's loss, its own words): it is compared with scc/0 and with
    scc/0 fine-tuned on nothing and on random words; never with the baseline chain's controls."""
    design = classification_design({"explainers": ["attention", "scc"], "controls": ["random", "none"],
                                    "bootstrap": 1, "seeds": [1, 2], "scc": {"enabled": True}})
    assert design.chained_controls == ("random@scc", "none@scc")
    assert [design.start_of(s) for s in ("baseline", "attention", "none", "scc", "none@scc")] == [
        None, None, None, "scc", "scc"]
    assert design.against(Arm("scc", 1), "none") == Arm("none@scc", 1)
    assert design.against(Arm("attention", 1), "none") == Arm("none", 1)
    scc_pairs = {(c.against.label, c.why) for c in design.comparisons() if c.arm == Arm("scc", 1)}
    assert scc_pairs == {("baseline/0", "baseline"), ("scc/0", "same start"), ("random@scc/1", "same iteration"),
                         ("none@scc/1", "same iteration")}
    assert [(a.label, b.label) for a, b in design.primary] == [
        ("attention/1", "random/1"), ("attention/1", "none/1"), ("scc/1", "random@scc/1"), ("scc/1", "none@scc/1")]
    # without the scc explainer the SCC system has no chain, so no chain controls
    alone = classification_design({"explainers": ["attention"], "controls": ["none"], "bootstrap": 1,
                                   "seeds": [1], "scc": {"enabled": True}})
    assert alone.chained_controls == () and "none@scc" not in {arm.system for arm in alone.arms()}


def _rule_imports():
    """Every module Snakefile and rules/*.smk import."""
    modules = set()
    for path in [REPO / "Snakefile", *(REPO / "rules").glob("*.smk")]:
        text = path.read_text()
        modules |= set(re.findall(r"^from ([\w.]+) import", text, re.M))
        modules |= set(re.findall(r"^import ([\w.]+)", text, re.M))
    return sorted(modules)


def _loaded_after_import(modules):
    """Which of torch, fairseq and snakemake a fresh interpreter holds after importing modules."""
    code = (f"import sys\nfor name in {modules!r}: __import__(name)\n"
            "print(sorted(m for m in ('torch', 'fairseq', 'snakemake') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return result.stdout.strip()


def test_the_design_imports_neither_torch_nor_fairseq_nor_snakemake():
    assert _loaded_after_import(["ielearn.design"]) == "[]"


def test_parsing_the_rules_imports_neither_torch_nor_fairseq():
    modules = _rule_imports()
    # the scan sees them: the rules' functions (ielearn/workflow/, which import the design, the
    # layout and both halves' settings) and what the rules name themselves
    assert "ielearn.workflow.bind" in modules and "ielearn.workflow.nmt" in modules
    assert _loaded_after_import(modules) in ("[]", "['snakemake']")
