"""The simulability measure and SMaT in the configuration, the design and the DAG: the pool of
unused examples, the checks that name their key, the students the design decides (dry runs),
the seed-level table against hand-computed numbers, and one seed's students end to end on the
tiny BERT through Snakemake."""

import copy
import json
import math
import re

import numpy as np
import pytest

from conftest import run_snakemake, write_config
from ielearn.classify.config import classification_settings
from ielearn.classify.datasets.prepare import dataset_pool, dataset_splits, prepare_dataset
from ielearn.classify.simulability_summary import (fit_lines, fit_rows, student_records, write_fit_rows,
                                                   write_simulability_summary)
from ielearn.config import validate_config
from ielearn.design import Arm, classification_design
from ielearn.errors import UserError
from ielearn.io import read_tsv
from test_dag import job_counts
from test_scc_config_dag import config_with
from tiny_bert import make_tiny_bert

POOLED = {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5, "pool": 12}}
MEASURED = {"explainers": ["attention", "smat"], "controls": ["none"], "seeds": [1, 2],
            "simulability": {"enabled": True, "budgets": [8], "students": 2,
                             "settings": ["static_all", "attention", "smat"]}}


def experiment_of(experiment, dataset=POOLED):
    return classification_settings(validate_config(config_with(experiment, dataset)), "toy_cls")


def with_section(**changes):
    experiment = copy.deepcopy(MEASURED)
    experiment["simulability"].update(changes)
    return experiment


def test_the_pool_is_every_unused_example_and_the_splits_are_unchanged():
    trec = {"source": "trec", "seed": 1, "valid_size": 50, "test_size": 100,
            "max_examples": {"train": 300, "valid": None, "test": None}}
    splits, pool = dataset_splits(trec), dataset_pool(trec)
    everything = dataset_splits({**trec, "max_examples": {"train": None, "valid": None, "test": None}})
    # the questions left after valid and test are the 300 trained on and the pool, no question twice
    assert sorted(map(repr, pool + splits["train"])) == sorted(map(repr, everything["train"]))
    assert not set(pool) & (set(splits["train"]) | set(splits["valid"]) | set(splits["test"]))
    assert len(dataset_pool({**trec, "max_examples": {"train": None, "valid": None, "test": None}})) == 0
    synthetic = {**POOLED, "seed": 2, "max_examples": {"train": None, "valid": None, "test": None}}
    assert len(dataset_pool(synthetic)) == 12 and dataset_pool(synthetic) == dataset_pool(synthetic)
    assert dataset_pool({**synthetic, "sizes": {"train": 10, "valid": 5, "test": 5}}) == []


def test_the_design_decides_the_students_and_their_comparisons():
    design = classification_design(experiment_of(MEASURED))
    assert design.simulability == ("none", "random", "static_all", "attention", "smat")
    assert len(design.simulability_runs()) == 5 * 2 and ("smat", 8, 1) in design.simulability_runs()
    pairs = {(c.arm.label, c.against.label, c.why) for c in design.simulability_comparisons()}
    assert ("random/8", "none/8", "no explainer") in pairs and ("random/8", "random/8", "random scores") not in pairs
    for setting in ("static_all", "attention", "smat"):
        assert {(f"{setting}/8", "none/8", "no explainer"), (f"{setting}/8", "random/8", "random scores")} <= pairs
    assert ("smat/8", "static_all/8", "its start") in pairs  # SMaT against the map it starts from
    assert len(pairs) == 1 + 3 * 2 + 1
    off = classification_design(experiment_of({**MEASURED, "simulability": {"budgets": [8]}}))
    assert off.simulability_runs() == [] and off.simulability_comparisons() == []
    assert experiment_of(MEASURED)["simulability"]["max_length"] == 128  # the baseline's train.max_length


@pytest.mark.parametrize("experiment, dataset, message", [
    (with_section(budgets=[8, 13]), POOLED, r"simulability\.budgets = 13: only 12 examples"),
    (with_section(beta=-0.5), POOLED, r"simulability\.beta = -0\.5: β weighs"),
    (with_section(settings=["lambda_zero"]), POOLED, r"simulability\.settings: 'lambda_zero' has no per-word scores"),
    (with_section(settings=["lime"]), POOLED, r"simulability\.settings: 'lime' is not extracted.*explainers"),
    (with_section(settings=["impactx"]), POOLED, r"simulability\.settings: 'impactx' is not extracted.*enabled: true"),
    (with_section(student_layers=0), POOLED, r"simulability\.student_layers"),
    (with_section(max_length=64), POOLED, r"simulability\.max_length = 64: the per-word scores of attention"),
    (MEASURED, {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}},
     r"simulability\.enabled: classification\.datasets\.toy has no pool.*sizes\.pool"),
    ({**MEASURED, "simulability": {}}, {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}},
     r"\.explainers: classification\.datasets\.toy has no pool"),  # smat learns on the pool
    ({**MEASURED, "simulability": {"enabled": False, "smat_budget": 20}}, POOLED,
     r"simulability\.smat_budget = 20: only 12"),
])
def test_bad_settings_end_in_one_message_naming_the_key(experiment, dataset, message):
    with pytest.raises(UserError, match=message):
        experiment_of(experiment, dataset)


def plan_of(tmp_path, experiment, target="results/toy_cls/classification.tsv"):
    write_config(tmp_path, config_with(experiment, POOLED))
    plan = run_snakemake(tmp_path, "-n", target).stdout
    jobs = {re.search(r"output: ([^\s,]+)", job).group(1): job for job in plan.split("\n\n") if "output: " in job}
    return plan, jobs


def test_the_dag_names_each_student_and_the_maps_it_learns_from(tmp_path):
    plan, jobs = plan_of(tmp_path, MEASURED)
    counts = job_counts(plan)
    assert counts["cls_simulate"] == 2 * 5 * 2 and counts["cls_learn_explainer"] == 2
    assert counts["cls_pool"] == 1 and counts["cls_simulability_summary"] == 1
    for here in ("results/toy_cls/", "results/toy_cls/seed_2/"):
        common = f"input: {here}iter_0/model, results/toy_cls/examples/pool.tsv, results/toy_cls/examples/test.tsv"
        for student in (0, 1):
            assert common in jobs[f"{here}simulability/none/budget_8/student_{student}.json"]
        assert f"{common}, {here}attention/iter_0/scores/pool.jsonl" in jobs[
            f"{here}simulability/attention/budget_8/student_0.json"]
        assert f"{common}, {here}smat/learned/explainer.json" in jobs[
            f"{here}simulability/smat/budget_8/student_1.json"]
        # SMaT learns on the pool with valid as its outer split, in the seed's folder, not the model's
        assert (f"input: {here}iter_0/model, results/toy_cls/examples/pool.tsv, results/toy_cls/examples/valid.tsv"
                in jobs[f"{here}smat/learned/explainer.json"])
        # the smat explainer's words (Alg. 4) come from the baseline through that map
        assert (f"input: {here}iter_0/model, results/toy_cls/examples/train.tsv, {here}smat/learned/explainer.json"
                in jobs[f"{here}smat/iter_0/words/train.shard_0.txt"])
        assert "rule cls_extract_shard:" in jobs[f"{here}attention/iter_0/words/pool.shard_0.txt"]
    assert "results/toy_cls/classification_simulability_verdict.txt" in jobs["results/toy_cls/classification.tsv"]


def test_without_the_measure_no_pool_and_no_student_is_built(tmp_path):
    plan, jobs = plan_of(tmp_path, {**MEASURED, "explainers": ["attention"], "simulability": {}})
    assert not [output for output in jobs if "pool" in output or "simulability" in output or "learned" in output]


def write_record(path, agrees):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"sim": sum(agrees) / len(agrees), "agrees": agrees}) + "\n")


def test_the_table_averages_each_seeds_students_first(tmp_path):
    rng = np.random.default_rng(0)
    agrees = {(seed, setting, i): rng.integers(0, 2, 20).tolist()
              for seed in (1, 2, 3) for setting in ("none", "random", "static_all") for i in (0, 1)}
    runs = []
    for (seed, setting, i), values in agrees.items():
        write_record(tmp_path / f"{seed}_{setting}_{i}.json", values)
        runs.append({"seed": seed, "setting": setting, "budget": 8, "path": tmp_path / f"{seed}_{setting}_{i}.json"})
    design = classification_design(experiment_of(with_section(budgets=[8], settings=["static_all"])))
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons", "comparisons_per_seed",
                                                          "verdict", "fit")}
    write_simulability_summary(student_records(runs), design.simulability_comparisons(), [1, 2, 3], outputs)

    def sim(seed, setting):  # a seed's SIM: the mean of its two students' SIMs, × 100
        return 100 * np.mean([np.mean(agrees[(seed, setting, i)]) for i in (0, 1)])
    per_seed = {(row["seed"], row["setting"]): float(row["sim"]) for row in read_tsv(outputs["per_seed"])}
    assert per_seed[("2", "static_all")] == pytest.approx(sim(2, "static_all"), abs=0.005)
    rows = {(row["setting"], row["against"]): row for row in read_tsv(outputs["comparisons"])}
    deltas = [sim(seed, "static_all") - sim(seed, "none") for seed in (1, 2, 3)]
    row = rows[("static_all", "none")]
    assert float(row["delta"]) == pytest.approx(np.mean(deltas), abs=0.005)
    assert set(rows) == {("random", "none"), ("static_all", "none"), ("static_all", "random")}
    verdict = outputs["verdict"].read_text()
    assert "static_all vs none (no explainer), budget 8: Δ = " in verdict
    assert [row["learned"] for row in read_tsv(tmp_path / "fit.tsv")] == ["NA"] * 9  # records without `fit`
    assert verdict.count("\n") == 4 and re.search(r"(gain shown|loss shown|equivalent|inconclusive)", verdict)
    assert not math.isnan(float(row["p_t"])) and row["budget"] == row["against_budget"] == "8"
    assert row["family"] == "simulability"


def test_the_fit_table_counts_each_groups_students_that_learned(tmp_path):
    fits = [(1, "none", 0.9, 0.4), (1, "none", 0.6, 0.4), (1, "random", 0.75, 0.5), (2, "none", 1.0, 0.3)]
    runs = []
    for i, (seed, setting, agreement, majority) in enumerate(fits):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps({"agrees": [1], "fit": {"train_loss": [1.0], "train_agreement": agreement,
                                                           "majority_share": majority,
                                                           "learned": agreement >= (1 + majority) / 2}}))
        runs.append({"seed": seed, "setting": setting, "budget": 8, "path": path})
    write_fit_rows(fit_rows(student_records(runs)), tmp_path / "fit.tsv")
    rows = [(r["seed"], r["setting"], r["students"], r["learned"], r["train_agreement"], r["majority_share"])
            for r in read_tsv(tmp_path / "fit.tsv")]
    # 0.9 >= 0.7 learned, 0.6 < 0.7 did not; 0.75 >= 0.75; 1.0 >= 0.65
    assert rows == [("1", "none", "2", "1", "0.7500", "0.4000"), ("1", "random", "1", "1", "0.7500", "0.5000"),
                    ("2", "none", "1", "1", "1.0000", "0.3000")]


def fit_row(seed, setting, students, learned):
    return {"seed": str(seed), "setting": setting, "budget": "8", "students": str(students), "learned": learned,
            "train_agreement": "NA", "majority_share": "NA"}


def test_the_verdict_says_which_students_did_not_learn_in_the_seeds_order():
    rows = [fit_row(2, "none", 5, "4"), fit_row(1, "random", 5, "5"), fit_row(1, "none", 5, "3")]
    [line] = fit_lines(rows, [1, 2])
    assert line.startswith("3 of 15 students did not learn the teacher on their own budget")
    assert "none, budget 8, seed 1: 2 of 5; none, budget 8, seed 2: 1 of 5." in line
    assert fit_lines(rows[1:2], [1]) == ["Every student learned the teacher on its own budget (5 of 5)."]
    assert fit_lines([fit_row(1, "none", 5, "NA")], [1]) == []  # records that predate the fit
    [mixed] = fit_lines([fit_row(1, "none", 5, "NA"), fit_row(2, "none", 5, "5")], [1, 2])
    assert mixed == ("Every student learned the teacher on its own budget (5 of 5) (5 more students' records "
                     "have no fit: written before it was kept).")


def test_one_seeds_students_end_to_end_on_the_tiny_bert(tmp_path):
    """The pool and its attention scores, SMaT's map and the smat words, one student of each
    setting and the table, on the tiny BERT as the teacher and as the encoder the students are
    cut from (the baseline placed, not trained)."""
    model = tmp_path / "results/toy_cls/iter_0/model"
    experiment = {"model": str(model), "explainers": ["attention", "smat"], "controls": [], "seeds": [1],
                  "train": {"max_length": 16}, "batch_size": 8,
                  "simulability": {"enabled": True, "budgets": [6], "students": 1, "student_layers": 1,
                                   "epochs": 1, "batch_size": 4, "settings": ["attention", "smat"]}}
    config = config_with(experiment, POOLED)
    write_config(tmp_path, config)
    dataset = validate_config(copy.deepcopy(config))["classification"]["datasets"]["toy"]
    prepare_dataset(dataset, tmp_path / "results/toy_cls/examples")  # as cls_examples writes them
    make_tiny_bert(model)  # the baseline, newer than its examples, so not trained again
    run_snakemake(tmp_path, "results/toy_cls/classification_simulability.tsv",
                  "results/toy_cls/smat/iter_0/words/test.txt")
    here = tmp_path / "results/toy_cls/simulability"
    for setting in ("none", "random", "attention", "smat"):
        record = json.loads((here / setting / "budget_6/student_0.json").read_text())
        assert record["held_out"] == 5 and len(record["agrees"]) == 5 and record["budget"] == 6
        assert record["seed"] == 1000 and record["beta"] == (0.0 if setting == "none" else 5.0)
    fit = read_tsv(tmp_path / "results/toy_cls/classification_simulability_fit.tsv")
    assert [(row["setting"], row["students"]) for row in fit] == [(s, "1") for s in ("none", "random", "attention",
                                                                                     "smat")]
    assert all(row["learned"] in ("0", "1") and 0 <= float(row["train_agreement"]) <= 1 for row in fit)
    table = read_tsv(tmp_path / "results/toy_cls/classification_simulability.tsv")
    assert [row["setting"] for row in table] == ["none", "random", "attention", "smat"]
    assert len(read_tsv(tmp_path / "results/toy_cls/examples/pool.tsv")) == 12
    assert not (tmp_path / "results/toy_cls/benchmarks/cls_train").exists()  # the placed teacher taught
    learned = json.loads((tmp_path / "results/toy_cls/smat/learned/explainer.json").read_text())
    assert (learned["layers"], learned["heads"], len(learned["coefficients"])) == (2, 2, 4)
    # the smat explainer's words (Alg. 4) rank each test example by that map: one word each
    words = (tmp_path / "results/toy_cls/smat/iter_0/words/test.txt").read_text().splitlines()
    assert len(words) == 5 and all(words)
