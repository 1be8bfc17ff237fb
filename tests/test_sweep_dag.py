"""A learning-rate sweep in the DAG (dry runs): a list of fine-tune rates trains every arm
once per rate in iter_<k>/lr_<i>/ and picks the arm's model; a single rate keeps today's jobs
and paths."""

import copy
import re

from conftest import TINY_CONFIG, run_snakemake, write_config
from test_dag import job_counts

ARMS = ("iter_1", "iter_2", "control_random/iter_1", "control_none/iter_1", "noise_50/iter_1")


def outputs(plan, name):
    """Every output of the plan ending in /<name>."""
    return set(re.findall(rf"(results/\S+/{re.escape(name)})\b", plan))


def test_a_list_of_translation_rates_trains_every_arm_once_per_rate_and_picks(tmp_path):
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"].update(finetune={"max_epoch": 1, "lr": ["continue", 0.001]}, noise_rates=[0, 50])
    write_config(tmp_path, config)
    plan = run_snakemake(tmp_path, "-n", "results/tiny/summary.tsv", "results/tiny/noise_curve.tsv").stdout
    counts = job_counts(plan)
    # per seed: attention 1 and 2, random 1, none 1, noise 50 % 1 → five fine-tunes, two rates each
    assert counts["pick_lr"] == 2 * 5 and counts["train"] == 2 * (1 + 5 * 2)
    models = outputs(plan, "model/best.pt")
    for replicate in ("results/tiny", "results/tiny/seed_2"):
        assert f"{replicate}/iter_0/model/best.pt" in models  # the baseline trains once
        for arm in ARMS:
            assert {f"{replicate}/{arm}/lr_{i}/model/best.pt" for i in (0, 1)} <= models
            assert f"{replicate}/{arm}/model/lr_sweep.json" in outputs(plan, "model/lr_sweep.json")
            assert f"{replicate}/{arm}/lr_1/decode/valid.txt" in outputs(plan, "decode/valid.txt")
    assert not any("iter_0/lr_" in model or "lr_2" in model for model in models)
    assert "lr_0/decode/train" not in plan and "lr_0/decode/test" not in plan  # valid picks


def test_a_single_rate_has_no_candidates_and_no_pick(tmp_path):
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"]["finetune"]["lr"] = [0.001]  # a one-entry list is one rate
    write_config(tmp_path, config)
    plan = run_snakemake(tmp_path, "-n", "results/tiny/summary.tsv").stdout
    assert "pick_lr" not in job_counts(plan) and "/lr_" not in plan
    assert "results/tiny/seed_2/control_none/iter_1/model/best.pt" in outputs(plan, "model/best.pt")


def test_a_list_of_classification_rates_trains_every_arm_once_per_rate_and_picks(tmp_path):
    classification = {
        "datasets": {"toy": {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}}},
        "experiments": {
            "swept": {"dataset": "toy", "explainers": ["attention"], "controls": ["random", "none"],
                      "seeds": [1, 2], "bootstrap": 2, "finetune": {"lr": [1e-4, 5e-5, 2e-5]}},
            "single": {"dataset": "toy", "explainers": ["attention"], "bootstrap": 1},
        },
    }
    write_config(tmp_path, {**copy.deepcopy(TINY_CONFIG), "classification": classification})
    plan = run_snakemake(tmp_path, "-n", "results/swept/classification.tsv", "results/single/classification.tsv").stdout
    counts = job_counts(plan)
    # swept: 2 seeds x 3 systems x 2 iterations, three rates each; single: attention/1 and none/1;
    # and the three baselines (two seeds of swept, one of single)
    assert counts["cls_pick_lr"] == 12 and counts["cls_train"] == 12 * 3 + 2 + 3
    models = outputs(plan, "model")
    for here in ("results/swept/", "results/swept/seed_2/"):
        for system in ("attention", "control_random", "control_none"):
            for k in (1, 2):
                assert {f"{here}{system}/iter_{k}/lr_{i}/model" for i in range(3)} <= models
    assert {"results/single/attention/iter_1/model", "results/single/control_none/iter_1/model"} <= models
    assert not any(model.startswith("results/single/") and "/lr_" in model for model in models)
