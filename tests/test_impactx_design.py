"""IMPACTX in the configuration and the design: its section's defaults and checks (one clear
error per bad input), its model 0 and three controls (the registry's variants, each a model 0
in impactx/control_<v>/), their comparisons, and the primary family it makes. Plain Python."""

import copy

import pytest

from ielearn import systems
from ielearn.classify.config import classification_settings, replicate_settings
from ielearn.config import validate_config
from ielearn.design import Arm, classification_design, teacher_draws, with_primary
from ielearn.errors import UserError
from ielearn.layout import arm_dir, system_dir, system_of_dir
from test_scc_config_dag import TOY, config_with

VARIANTS = ("lambda_zero@impactx", "shuffled_maps@impactx", "random_maps@impactx")


def experiment_with(experiment, dataset=TOY):
    return classification_settings(validate_config(config_with(experiment, dataset)), "toy_cls")


def test_impactx_is_off_by_default_and_trains_as_the_baseline_does():
    off = experiment_with({})
    assert off["impactx"]["enabled"] is False
    assert classification_design(off) == classification_design(experiment_with({"impactx": {"enabled": False}}))
    on = experiment_with({"train": {"batch_size": 8, "lr": 1e-4}, "seeds": [1, 2],
                          "impactx": {"enabled": True, "train": {"epochs": 5}}})
    section = on["impactx"]
    assert (section["teacher"], section["lambda"]) == ("shap", 1.0)
    # the baseline's schedule, stopping and selection, but for what impactx.train sets
    assert section["train"] == {**on["train"], "epochs": 5}
    assert replicate_settings(on, 2)["impactx_train"] == {**section["train"], "seed": 2}


@pytest.mark.parametrize("section, dataset, message", [
    ({"teacher": "bert"}, TOY,
     r"impactx\.teacher: unknown teacher explainer 'bert'; choose one of attention, lime, shap"),
    ({"teacher": "scc"}, TOY, r"impactx\.teacher: unknown teacher explainer 'scc'"),
    ({"enabled": True, "lambda": -0.5}, TOY, r"impactx\.lambda: -0\.5 is negative; .* give a number >= 0"),
    ({"enabled": True}, {"source": "glue", "task": "stsb"}, r"impactx\.enabled: .* regression"),
    ({"enabled": True, "train": {"max_length": 32}}, TOY, r"impactx\.train\.max_length: .* leave max_length out"),
    ({"enabled": True, "train": {"lr": [1e-5, 2e-5]}}, TOY, r"impactx\.train\.lr: a list is a learning-rate sweep"),
])
def test_bad_impactx_settings_are_one_clear_error_naming_the_key(section, dataset, message):
    with pytest.raises(UserError, match=message) as caught:
        validate_config(config_with({"impactx": section}, dataset))
    assert "classification.experiments.toy_cls." in str(caught.value)


def test_the_impactx_explainer_needs_impactx_enabled():
    with pytest.raises(UserError, match=r"explainers: the `impactx` explainer .* set impactx: \{enabled: true\}"):
        validate_config(config_with({"explainers": ["attention", "impactx"]}))


def design_with(extra=None):
    return classification_design(experiment_with({"explainers": ["attention"], "controls": ["none"], "seeds": [1, 2],
                                                  "impactx": {"enabled": True}, **(extra or {})}))


def test_impactx_and_its_three_controls_are_each_a_model_0_of_their_own():
    design = design_with()
    assert design.trained == ("impactx",) and design.variants == VARIANTS
    assert [a for a in design.arms() if a.iteration == 0] == [design.baseline, Arm("impactx", 0),
                                                             *(Arm(v, 0) for v in VARIANTS)]
    assert [arm_dir("trec", design, "seed_2/", Arm(v, 0)) for v in VARIANTS] == [
        "results/trec/seed_2/impactx/control_lambda_zero/iter_0",
        "results/trec/seed_2/impactx/control_shuffled_maps/iter_0",
        "results/trec/seed_2/impactx/control_random_maps/iter_0"]
    assert arm_dir("trec", design, "", Arm("impactx", 0)) == "results/trec/impactx/iter_0"
    for variant in VARIANTS:  # the rules read a directory back as the system it names
        assert system_of_dir(design, system_dir(design, variant)) == (variant, None)
        assert design.start_of(variant) == variant  # its chain is itself: its own model 0


def test_the_primary_family_is_impactx_against_the_baseline_and_each_control():
    design = design_with()
    impactx = Arm("impactx", 0)
    assert design.primary == ((impactx, design.baseline), *((impactx, Arm(v, 0)) for v in VARIANTS))
    same = [(c.arm, c.against) for c in design.comparisons() if c.why == "same architecture"]
    assert same == [(impactx, Arm(v, 0)) for v in VARIANTS]
    # everything else is exploratory: the explainers' words against their controls, ...
    assert not design.is_primary(Arm("attention", 1), Arm("none", 1))
    assert not design.is_primary(impactx, Arm("none", 1))
    # ... unless the experiment declares its own family, which may name the controls
    declared = with_primary(design, ["impactx/0 vs shuffled_maps@impactx/0"])
    assert declared.primary == ((impactx, Arm("shuffled_maps@impactx", 0)),)


def test_without_impactx_the_primary_family_stays_the_explainers():
    design = classification_design(experiment_with({"explainers": ["attention"], "controls": ["none"]}))
    assert design.variants == () and design.primary == ((Arm("attention", 1), Arm("none", 1)),)


def test_the_impactx_explainer_chain_starts_from_the_impactx_model_with_its_own_controls():
    design = design_with({"explainers": ["attention", "impactx"], "controls": ["random", "none"]})
    assert design.chained_controls == ("random@impactx", "none@impactx")
    assert arm_dir("trec", design, "", Arm("impactx", 1)) == "results/trec/impactx/iter_1"
    assert arm_dir("trec", design, "", Arm("random@impactx", 1)) == "results/trec/impactx/control_random/iter_1"
    # the variants do not take the chain's controls' directories
    assert not set(design.variants) & set(design.chained_controls)
    assert systems.system("random_maps").directory != systems.system("random").directory


def test_the_variants_change_only_what_they_take_away():
    changes = {name: dict(systems.system(name).changes) for name in systems.variants_of("impactx")}
    assert changes == {"lambda_zero": {"lambda": 0.0}, "shuffled_maps": {"shuffle_maps": True}, "random_maps": {}}
    assert [systems.system(name).draws for name in changes] == [False, False, True]


@pytest.mark.parametrize("teacher,drawn", [("shap", True), ("lime", True), ("attention", False)])
def test_a_teacher_that_draws_puts_its_seed_in_the_provenance_of_every_system_that_reads_its_maps(teacher, drawn):
    experiment = experiment_with({"explainers": ["impactx"], "impactx": {"enabled": True, "teacher": teacher}})
    readers = ("impactx", "none@impactx", "random@impactx") + VARIANTS
    assert [teacher_draws(experiment, name) for name in readers] == [drawn] * len(readers)
    # systems that do not start from IMPACTX's model read no teacher's maps
    assert not any(teacher_draws(experiment, name) for name in ("baseline", "attention", "none", "none@scc"))


def test_an_unchanged_experiment_keeps_its_design():
    """impactx off changes nothing: the arms and comparisons of an experiment without it."""
    plain = {"explainers": ["attention", "lime"], "controls": ["random", "none"], "seeds": [1, 2, 3],
             "scc": {"enabled": True}}
    design = classification_design(experiment_with(copy.deepcopy(plain)))
    assert design.variants == () and design.trained == ("scc",)
    assert all(not a.system.startswith(("impactx", "lambda", "shuffled", "random_maps")) for a in design.arms())
