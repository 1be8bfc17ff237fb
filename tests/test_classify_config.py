"""The `classification:` section of config.yaml: defaults and clear errors."""

import copy

import pytest

from ielearn.classify.config import classification_settings, replicate_settings
from ielearn.config import load_config, validate_config
from ielearn.errors import UserError
from ielearn.layout import replicate_dirs, seed_of_dir

from conftest import REPO, TINY_CONFIG

CLASSIFICATION = {
    "datasets": {"toy": {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}}},
    "experiments": {"toy_cls": {"dataset": "toy"}},
}


def config_with(classification):
    return {**copy.deepcopy(TINY_CONFIG), "classification": copy.deepcopy(classification)}


def test_defaults_are_the_papers_glue_settings():
    experiment = classification_settings(validate_config(config_with(CLASSIFICATION)), "toy_cls")
    assert experiment["model"] == "minilm"
    assert experiment["explainers"] == ["attention", "lime", "shap"]
    train = experiment["train"]
    assert (train["epochs"], train["lr"], train["dropout"], train["adam_betas"]) == (3, 5e-5, 0.1, [0.9, 0.999])
    # fine-tunes continue at the rate the model they start from reached (issue 27)
    assert experiment["finetune"] == {**train, "lr": "continue", "matched_updates": 0} and experiment["shards"] == 1 and experiment["bootstrap"] == 1


def test_finetune_inherits_from_train():
    classification = copy.deepcopy(CLASSIFICATION)
    classification["experiments"]["toy_cls"].update(train={"lr": 1e-4, "dropout": 0.2}, finetune={"epochs": 1})
    experiment = validate_config(config_with(classification))["classification"]["experiments"]["toy_cls"]
    assert experiment["finetune"]["dropout"] == 0.2 and experiment["finetune"]["epochs"] == 1
    assert experiment["finetune"]["lr"] == "continue"  # but its rate: the previous model's
    classification["experiments"]["toy_cls"].update(finetune={"lr": 1e-4})
    experiment = validate_config(config_with(classification))["classification"]["experiments"]["toy_cls"]
    assert experiment["finetune"]["lr"] == 1e-4  # a number restarts at that peak


def test_finetune_may_sweep_rates_and_a_one_entry_list_is_one_rate():
    classification = copy.deepcopy(CLASSIFICATION)
    classification["experiments"]["toy_cls"].update(finetune={"lr": [1e-4, 5e-5]})
    experiment = validate_config(config_with(classification))["classification"]["experiments"]["toy_cls"]
    assert experiment["finetune"]["lr"] == [1e-4, 5e-5] and experiment["train"]["lr"] == 5e-5
    classification["experiments"]["toy_cls"].update(finetune={"lr": [1e-4]})
    experiment = validate_config(config_with(classification))["classification"]["experiments"]["toy_cls"]
    assert experiment["finetune"]["lr"] == 1e-4


def test_finetune_may_continue_the_rate_match_updates_and_sweep_with_continue():
    classification = copy.deepcopy(CLASSIFICATION)
    classification["experiments"]["toy_cls"].update(finetune={"lr": "continue", "matched_updates": 40})
    experiment = validate_config(config_with(classification))["classification"]["experiments"]["toy_cls"]
    assert (experiment["finetune"]["lr"], experiment["finetune"]["matched_updates"]) == ("continue", 40)
    assert experiment["scc"]["gamma_chain"] == "restart"
    classification["experiments"]["toy_cls"].update(finetune={"lr": ["continue", 1e-4]})
    experiment = validate_config(config_with(classification))["classification"]["experiments"]["toy_cls"]
    assert experiment["finetune"]["lr"] == ["continue", 1e-4]


@pytest.mark.parametrize("change, message", [
    (lambda c: c["experiments"]["toy_cls"].update(explainers=["gradients"]), "explainers.0"),
    (lambda c: c["experiments"]["toy_cls"].update(dataset="nope"), "toy_cls.dataset: unknown dataset 'nope'"),
    (lambda c: c["experiments"].update(tiny={"dataset": "toy"}), "also a translation experiment"),
    (lambda c: c["datasets"]["toy"].update(source="glue"), "task"),
    (lambda c: c["experiments"]["toy_cls"].update(lime={"num_samples": "many"}), "lime.num_samples"),
    (lambda c: c["experiments"]["toy_cls"].update(train={"lr": [1e-4, 5e-5]}), "train.lr: a list is a learning-rate sweep"),
    (lambda c: c["experiments"]["toy_cls"].update(finetune={"lr": [1e-4, -1]}), "finetune.lr.1"),
    (lambda c: c["experiments"]["toy_cls"].update(finetune={"lr": "resume"}), "finetune.lr"),
    (lambda c: c["experiments"]["toy_cls"].update(train={"lr": "continue"}), "train.lr: 'continue' reads"),
    (lambda c: c["experiments"]["toy_cls"].update(train={"matched_updates": 5}), "train.matched_updates"),
    (lambda c: c["experiments"]["toy_cls"].update(scc={"enabled": True, "train": {"lr": "continue"}}),
     "scc.train.lr: 'continue' reads"),
    (lambda c: c["experiments"]["toy_cls"].update(scc={"gamma_chain": "reset"}), "scc.gamma_chain"),
])
def test_bad_classification_config_is_one_clear_error(change, message):
    classification = copy.deepcopy(CLASSIFICATION)
    change(classification)
    with pytest.raises(UserError, match=message):
        validate_config(config_with(classification))


def test_shipped_config_validates_with_trec_and_synthetic():
    config = load_config(REPO / "config.yaml")
    assert {"trec", "synthetic_demo"} <= set(config["classification"]["experiments"])
    assert "demo" in config["experiments"]  # translation experiments still there


def test_seeds_default_to_the_training_seed_and_none_is_the_default_control():
    classification = copy.deepcopy(CLASSIFICATION)
    classification["experiments"]["toy_cls"]["train"] = {"seed": 7}
    experiment = classification_settings(validate_config(config_with(classification)), "toy_cls")
    assert experiment["seeds"] == [7] and experiment["controls"] == ["none"]
    assert experiment["significance"] == {"ar_trials": 1000, "seed": 12345, "primary": None,
                                          "equivalence_margin": 1.0}


def test_each_replicate_seed_reaches_training_finetuning_and_the_explainers():
    classification = copy.deepcopy(CLASSIFICATION)
    classification["experiments"]["toy_cls"].update(seeds=[3, 5], seed=10)
    experiment = classification_settings(validate_config(config_with(classification)), "toy_cls")
    first, second = (replicate_settings(experiment, s) for s in (3, 5))
    assert (first["train"]["seed"], first["finetune"]["seed"], first["explainer_seed"]) == (3, 3, 10)
    assert (second["train"]["seed"], second["finetune"]["seed"], second["explainer_seed"]) == (5, 5, 12)
    assert second["train"]["lr"] == experiment["train"]["lr"]  # only the seed changes
    assert replicate_dirs(experiment) == [(3, ""), (5, "seed_5/")]
    assert [seed_of_dir(experiment, d) for d in ("", "seed_5/")] == [3, 5]
    for wrong in ("seed_3/", "seed_4/"):  # the first seed lives in results/<exp>/ itself
        with pytest.raises(UserError, match="not a further replicate"):
            seed_of_dir(experiment, wrong)


def test_both_controls_may_be_listed():
    classification = copy.deepcopy(CLASSIFICATION)
    classification["experiments"]["toy_cls"]["controls"] = ["random", "none"]
    experiment = classification_settings(validate_config(config_with(classification)), "toy_cls")
    assert experiment["controls"] == ["random", "none"]


@pytest.mark.parametrize("change, message", [
    (lambda e: e.update(seeds=[]), "seeds"),
    (lambda e: e.update(seeds=[1, 1]), "seeds"),
    (lambda e: e.update(controls=["shuffled"]), "controls.0"),
    (lambda e: e.update(controls=["random", "random"]), "controls"),
    (lambda e: e.update(significance=None), "significance: None is not of type 'object'"),
    (lambda e: e.update(significance={"equivalence_margin": 0}), "significance.equivalence_margin"),
    (lambda e: e.update(significance={"primary": ["attention/1 - none/1"]}), "significance.primary.0"),
])
def test_bad_seeds_controls_or_significance_is_one_clear_error(change, message):
    classification = copy.deepcopy(CLASSIFICATION)
    change(classification["experiments"]["toy_cls"])
    with pytest.raises(UserError, match=message):
        validate_config(config_with(classification))
