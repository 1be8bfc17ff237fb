"""IMPACTX in the DAG (dry runs, no model trains): its model 0 and its three controls, each a
model 0 of its own, trained from the teacher's per-word scores of the baseline (or, for
random_maps, from seeded random maps), its explainer's chain, and the agreement table; with
impactx off the DAG of an experiment is unchanged."""

import re

from conftest import run_snakemake, write_config
from test_dag import job_counts
from test_scc_config_dag import config_with

VARIANT_DIRS = ("impactx/control_lambda_zero", "impactx/control_shuffled_maps", "impactx/control_random_maps")


def plan_of(tmp_path, experiment, target="results/toy_cls/classification.tsv"):
    write_config(tmp_path, config_with(experiment))
    plan = run_snakemake(tmp_path, "-n", target).stdout
    jobs = {re.search(r"output: ([^\s,]+)", job).group(1): job for job in plan.split("\n\n") if "output: " in job}
    return plan, jobs


def test_impactx_and_its_controls_train_from_the_teachers_scores_of_the_baseline(tmp_path):
    plan, jobs = plan_of(tmp_path, {"explainers": ["attention"], "controls": ["none"], "seeds": [1, 2],
                                    "impactx": {"enabled": True, "teacher": "lime"}})
    counts = job_counts(plan)
    # per seed: the baseline, impactx, its three controls, attention/1, none/1
    assert counts["cls_train"] == 2 * 7 and counts["cls_score"] == 2 * 7
    assert counts["cls_random_maps"] == 2 * 2  # train and valid, per seed, written once
    for here in ("results/toy_cls/", "results/toy_cls/seed_2/"):
        teacher = f"{here}lime/iter_0/scores"  # lime on the baseline, although not in `explainers`
        job = jobs[f"{here}impactx/iter_0/model"]
        assert f"input: {teacher}/train.jsonl, {teacher}/valid.jsonl, results/toy_cls/examples/train.tsv" in job
        extraction = jobs[f"{here}lime/iter_0/words/test.shard_0.txt"]
        assert f"input: {here}iter_0/model, results/toy_cls/examples/test.tsv" in extraction
        for variant in VARIANT_DIRS[:2]:  # λ = 0 and shuffled R: the same teacher's scores
            assert f"input: {teacher}/train.jsonl, {teacher}/valid.jsonl" in jobs[f"{here}{variant}/iter_0/model"]
        drawn = f"{here}{VARIANT_DIRS[2]}/iter_0"
        assert f"input: {drawn}/maps/train.jsonl, {drawn}/maps/valid.jsonl" in jobs[f"{drawn}/model"]
        assert "rule cls_random_maps:" in jobs[f"{drawn}/maps/train.jsonl"]
        for system in ("impactx", *VARIANT_DIRS):  # scored beside the others, from their own model 0
            assert f"{here}{system}/bootstrap_0.score" in plan
            assert f"input: {here}{system}/iter_0/model" in jobs[f"{here}{system}/iter_0/valid.score"]
    agreement = jobs["results/toy_cls/classification_teacher_agreement.tsv"]
    assert "rule cls_teacher_agreement:" in agreement
    # the agreement compares impactx's maps, and each control's D's, with the teacher's on test,
    # each extracted from its own model 0 by impactx's ranker
    for system in ("impactx", *VARIANT_DIRS):
        assert f"results/toy_cls/seed_2/{system}/iter_0/scores/test.jsonl" in agreement
        extraction = jobs[f"results/toy_cls/{system}/iter_0/words/test.shard_0.txt"]
        assert f"input: results/toy_cls/{system}/iter_0/model, results/toy_cls/examples/test.tsv" in extraction
    assert counts["cls_extract_shard"] == 2 * (3 + 4 + 3)  # lime and attention/1 on 3 splits, 4 maps on test
    assert "results/toy_cls/lime/iter_0/scores/test.jsonl" in agreement


def test_the_impactx_explainer_appends_the_top_word_of_its_own_map(tmp_path):
    plan, jobs = plan_of(tmp_path, {"explainers": ["impactx"], "controls": ["none"], "seeds": [1],
                                    "impactx": {"enabled": True, "teacher": "attention"}})
    here = "results/toy_cls/impactx/iter_1"
    # model 0's words (of impactx's own model 0), rated, and appended at iteration 1
    words = "results/toy_cls/impactx/iter_0/words/train.shard_0.txt"
    assert "input: results/toy_cls/impactx/iter_0/model, results/toy_cls/examples/train.tsv" in jobs[words]
    assert f"input: results/toy_cls/impactx/iter_0/model, {here}/input/train.tsv" in jobs[f"{here}/model"]
    assert "input: results/toy_cls/impactx/iter_0/model, results/toy_cls/examples/train.tsv" in jobs[
        "results/toy_cls/impactx/control_none/iter_1/model"]
    assert "results/toy_cls/impactx/iter_0/quality/test.tsv" in plan  # rated like every explainer's words


def test_impactx_off_builds_no_impactx_job(tmp_path):
    plan, jobs = plan_of(tmp_path, {"explainers": ["attention"], "controls": ["none"], "seeds": [1]})
    assert not [output for output in jobs if "impactx" in output or "agreement" in output]
    assert "rule cls_random_maps:" not in plan
    assert job_counts(plan)["cls_train"] == 3  # the baseline, attention/1, none/1
