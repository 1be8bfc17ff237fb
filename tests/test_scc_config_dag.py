"""SCC in the configuration (the paper's settings as defaults, clear errors) and in the DAG
(dry runs): the `scc` system beside the baseline, and the `scc` explainer's chain."""

import copy
import re

import pytest

from ielearn.classify.config import classification_settings, replicate_settings
from ielearn.config import validate_config
from ielearn.errors import UserError

from conftest import TINY_CONFIG, run_snakemake, write_config
from test_dag import job_counts

TOY = {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}}


def config_with(experiment, dataset=TOY):
    classification = {"datasets": {"toy": copy.deepcopy(dataset)},
                      "experiments": {"toy_cls": {"dataset": "toy", **copy.deepcopy(experiment)}}}
    return {**copy.deepcopy(TINY_CONFIG), "classification": classification}


def test_scc_is_off_by_default_and_its_defaults_are_the_papers_settings():
    experiment = classification_settings(validate_config(config_with(
        {"train": {"batch_size": 8, "lr": 1e-4}, "scc": {"enabled": True}, "seeds": [1, 2]})), "toy_cls")
    scc = experiment["scc"]
    assert (scc["lambda"], scc["tau"], scc["tau2"], scc["ablation"], scc["size"], scc["sparse_coding"]) == (
        0.1, 1.0, 1.0, "none", 100, "mean")
    assert (scc["gamma_start"], scc["gamma_end"], scc["gamma_decay"]) == (1.0, 0.01, 0.099)
    # §4.1: AdamW (torch's defaults: weight decay 0.01), lr 1e-5, 10 epochs, best on valid;
    # batches and lengths are the baseline's
    train = scc["train"]
    assert (train["lr"], train["epochs"], train["patience"], train["weight_decay"]) == (1e-5, 10, None, 0.01)
    assert (train["batch_size"], train["adam_betas"]) == (8, [0.9, 0.999])
    assert replicate_settings(experiment, 2)["scc_train"] == {**train, "seed": 2}
    off = classification_settings(validate_config(config_with({})), "toy_cls")
    assert off["scc"]["enabled"] is False


@pytest.mark.parametrize("experiment, dataset, message", [
    ({"explainers": ["attention", "scc"]}, TOY, r"explainers: the `scc` explainer .* set scc: \{enabled: true\}"),
    ({"scc": {"enabled": True, "ablation": "no_bg"}}, TOY, "scc.ablation"),
    ({"scc": {"enabled": True, "train": {"lr": [1e-5, 2e-5]}}}, TOY, "scc.train.lr: a list is a learning-rate sweep"),
    ({"scc": {"enabled": True}}, {"source": "glue", "task": "stsb"}, "scc.enabled: .* regression"),
])
def test_bad_scc_config_is_one_clear_error(experiment, dataset, message):
    with pytest.raises(UserError, match=message):
        validate_config(config_with(experiment, dataset))


def test_scc_is_a_system_and_an_explainer_in_the_dag(tmp_path):
    write_config(tmp_path, config_with({"explainers": ["attention", "scc"], "controls": ["none"], "seeds": [1, 2],
                                        "scc": {"enabled": True}}))
    plan = run_snakemake(tmp_path, "-n", "results/toy_cls/classification.tsv").stdout
    counts = job_counts(plan)
    # per seed: the SCC system, and the fine-tunes attention/1, scc/1, none/1, none@scc/1
    assert counts["cls_train"] == 2 + 2 + 8
    models = set(re.findall(r"results/\S+/model\b", plan))
    for here in ("results/toy_cls/", "results/toy_cls/seed_2/"):
        assert {f"{here}iter_0/model", f"{here}scc/iter_0/model", f"{here}scc/iter_1/model"} <= models
        # the system is scored like the others, beside them
        assert f"{here}scc/bootstrap_0.score" in plan and f"{here}scc/iter_0/valid.score" in plan
        # the explainer's words come from the SCC model's layer, appended and fine-tuned
        assert f"{here}scc/iter_0/words/train.shard_0.txt" in plan and f"{here}scc/iter_1/input/train.tsv" in plan
    assert counts["cls_score"] == 2 * 6  # baseline, scc/0, attention/1, scc/1, none/1, none@scc/1
    # iteration 1 of the scc chain and its own control fine-tune the SCC model (the others
    # fine-tune the baseline); the control reads the plain examples
    jobs = {re.search(r"output: (\S+)", job).group(1): job for job in plan.split("\n\n") if "output: " in job}
    assert "input: results/toy_cls/scc/iter_0/model," in jobs["results/toy_cls/scc/iter_1/model"]
    assert "input: results/toy_cls/iter_0/model," in jobs["results/toy_cls/attention/iter_1/model"]
    assert ("input: results/toy_cls/scc/iter_0/model, results/toy_cls/examples/train.tsv"
            in jobs["results/toy_cls/scc/control_none/iter_1/model"])


def test_the_scc_chains_random_control_draws_its_words_and_fine_tunes_the_scc_model(tmp_path):
    write_config(tmp_path, config_with({"explainers": ["scc"], "controls": ["random"], "seeds": [1],
                                        "scc": {"enabled": True}}))
    plan = run_snakemake(tmp_path, "-n", "results/toy_cls/classification.tsv").stdout
    jobs = {re.search(r"output: ([^\s,]+)", job).group(1): job for job in plan.split("\n\n") if "output: " in job}
    here = "results/toy_cls/scc/control_random/iter_1"
    assert "rule cls_random_words:" in jobs["results/toy_cls/scc/control_random/iter_0/words/train.txt"]
    assert f"input: results/toy_cls/scc/iter_0/model, {here}/input/train.tsv" in jobs[f"{here}/model"]
    assert "results/toy_cls/scc/control_random/bootstrap_1.score" in plan
