"""The classification tables over seeds, from hand-made score and prediction files: the same
statistics as translation (ielearn.inference), the per-seed diagnostics and the verdict."""

import csv
import json
import math

import pytest
import yaml

from scipy import stats

from conftest import REPO
from ielearn.classify.predictions import write_predictions
from ielearn.classify.significance import task_items, task_scorer
from ielearn.classify.summary import write_classification_summary
from ielearn.design import classification_design
from ielearn.inference.item_tests import randomization_test
from ielearn.classify.tasks import SYNTHETIC
from ielearn.classify.training_record import write_training
from ielearn.errors import UserError
from ielearn.recompute import recompute

GOLD = ["positive", "negative"] * 10  # 20 test examples


def predictions_right_on(count):
    """Predictions right on the first `count` of the 20 test examples, wrong on the rest."""
    flip = {"positive": "negative", "negative": "positive"}
    return [g if i < count else flip[g] for i, g in enumerate(GOLD)]


def make_run(tmp_path, seed, system, iteration, valid, right):
    here = tmp_path / f"{seed}_{system}_{iteration}"
    here.mkdir()
    test = right / len(GOLD)
    (here / "valid.score").write_text(json.dumps(
        {"metric": "accuracy", "value": valid, "n": 10, "metrics": {"accuracy": valid}}))
    (here / "test.score").write_text(json.dumps(
        {"metric": "accuracy", "value": test, "n": len(GOLD), "metrics": {"accuracy": test}}))
    write_predictions(here / "test.pred", GOLD, predictions_right_on(right))
    return {"seed": seed, "system": system, "iteration": iteration, "valid": str(here / "valid.score"),
            "test": str(here / "test.score"), "pred": str(here / "test.pred")}


# (seed, system, iteration, valid accuracy, test examples right)
RUNS = [
    (1, "baseline", 0, 0.5, 10), (1, "attention", 1, 0.7, 16), (1, "attention", 2, 0.6, 17),
    (1, "none", 1, 0.6, 12), (1, "none", 2, 0.6, 12),
    (2, "baseline", 0, 0.4, 10), (2, "attention", 1, 0.8, 18), (2, "attention", 2, 0.6, 19),
    (2, "none", 1, 0.6, 14), (2, "none", 2, 0.7, 13),
]


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))



def summarise_design(tmp_path, design, runs, settings):
    """The summary of the hand-made `runs` under `design`: (tables, comparisons, verdict text)."""
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons",
                                                           "comparisons_per_seed", "verdict")}
    text = write_classification_summary(design, runs, SYNTHETIC, outputs, settings)
    return read_tsv(outputs["table"]), read_tsv(outputs["per_seed"]), read_tsv(outputs["comparisons"]), text


def summarise(tmp_path, runs, controls=("none",), seeds=(1, 2), **settings):
    design = classification_design({"explainers": ["attention"], "controls": list(controls), "bootstrap": 2,
                                    "seeds": list(seeds)})
    return summarise_design(tmp_path, design, runs, {"ar_trials": 99, "seed": 5, **settings})


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("tables")
    return (*summarise(tmp_path, [make_run(tmp_path, *run) for run in RUNS]), tmp_path)


def test_one_row_per_system_and_iteration_with_mean_and_sd_over_seeds(tables):
    summary = tables[0]
    assert [(r["system"], r["iteration"], r["seeds"]) for r in summary] == [
        ("baseline", "0", "2"), ("attention", "1", "2"), ("attention", "2", "2"),
        ("none", "1", "2"), ("none", "2", "2")]
    attention = summary[1]  # test 80 % and 90 %: mean 85, sample sd 7.07
    assert (attention["test_mean"], attention["test_sd"]) == ("85.00", "7.07")
    assert (attention["valid_mean"], attention["valid_sd"]) == ("75.00", "7.07")
    assert (summary[0]["test_mean"], summary[0]["test_sd"]) == ("50.00", "0.00")
    assert summary[0]["valid_mean"] == "45.00" and tables[1][0]["test_n"] == "20"


def test_validation_picks_the_best_mean_valid_iteration_earliest_on_a_tie(tables):
    summary, per_seed = tables[:2]
    assert [r["picked_by_valid"] for r in summary] == ["no", "yes", "no", "no", "yes"]  # none: 60 vs 65
    picks = {(r["seed"], r["system"], r["iteration"]): r["picked_by_valid"] for r in per_seed}
    assert picks[("1", "none", "1")] == "yes" and picks[("1", "none", "2")] == "no"  # tie → first
    assert picks[("2", "none", "2")] == "yes"


def test_seed_level_differences_and_their_t_test(tables):
    summary, per_seed, comparisons = tables[:3]
    rows = {(r["seed"], r["system"], r["iteration"]): r for r in per_seed}
    assert rows[("1", "attention", "1")]["delta_baseline"] == "30.00"  # 16 vs 10 of 20 right
    assert rows[("1", "attention", "1")]["delta_none"] == "20.00"  # 16 vs 12
    assert rows[("1", "baseline", "0")]["p_baseline"] == "" and rows[("1", "none", "1")]["p_none"] == ""
    deltas = [35.0, 45.0]  # attention/2 against the baseline: 17 − 10 and 19 − 10 of 20
    row = next(r for r in comparisons if (r["system"], r["iteration"], r["against"]) == ("attention", "2", "baseline"))
    # with the per-example records, p and CI carry the shared item noise too (and its degrees of
    # freedom): not the seeds-only t-test's p
    assert float(row["delta"]) == 40.0
    assert float(row["p_t"]) != pytest.approx(stats.ttest_1samp(deltas, 0).pvalue, rel=1e-3)
    assert row["ci_method"] == "seeds+items" and float(row["ci_low"]) < 40 < float(row["ci_high"])
    assert (float(row["p_t"]) < 0.05) == (float(row["ci_low"]) > 0)  # one procedure for both
    assert float(summary[2]["p_baseline"]) >= float(row["p_t"])  # Holm-corrected within its family
    assert summary[0]["p_baseline"] == "" and summary[3]["p_none"] == ""


def test_per_seed_diagnostics_are_approximate_randomization_over_the_test_examples(tables):
    per_seed = {(r["seed"], r["system"], r["iteration"], r["against"]): r
                for r in read_tsv(tables[4] / "comparisons_per_seed.tsv")}
    right_attention, right_none = predictions_right_on(16), predictions_right_on(12)
    items = [task_items(SYNTHETIC, GOLD, right) for right in (right_attention, right_none)]
    delta, p = randomization_test(task_scorer(SYNTHETIC), *items, 99, 5)
    row = per_seed[("1", "attention", "1", "none")]
    assert float(row["delta"]) == pytest.approx(delta) and float(row["p_ar"]) == pytest.approx(p, rel=1e-3)
    assert row["direction"] == "higher"


def test_one_seed_has_no_sd_and_no_seed_level_test(tmp_path):
    runs = [make_run(tmp_path, *run) for run in RUNS if run[0] == 1]
    summary, _, comparisons, text = summarise(tmp_path, runs, seeds=(1,))
    row = summary[1]
    assert row["test_mean"] == "80.00" and row["test_sd"] == "" and row["seeds"] == "1"
    assert row["p_baseline"] == "" and row["ci_baseline"] == ""
    assert comparisons[0]["note"].startswith("one seed")
    assert "answer to the primary question: attention/1: vs none/1 no test" in text


def test_predictions_of_different_test_sets_are_one_clear_error(tmp_path):
    runs = [make_run(tmp_path, *run) for run in RUNS]
    write_predictions(runs[1]["pred"], list(reversed(GOLD)), GOLD)
    with pytest.raises(UserError, match="different gold labels"):
        summarise(tmp_path, runs)


def test_a_summary_of_half_the_runs_is_refused(tmp_path):
    """A seed without one of its arms: no comparison is made from the seeds left."""
    runs = [make_run(tmp_path, *run) for run in RUNS + RANDOM_RUNS[:3]]
    with pytest.raises(UserError, match=r"missing seed 2 random/2\. "):
        summarise(tmp_path, runs, controls=("random", "none"))


def test_without_a_random_control_vs_random_is_na(tables):
    summary, per_seed = tables[:2]
    assert {r["p_random"] for r in summary} == {""}
    assert {(r["delta_random"], r["p_random"]) for r in per_seed} == {("", "")}


# the random control beside `none`, in both seeds
RANDOM_RUNS = [(1, "random", 1, 0.6, 13), (1, "random", 2, 0.5, 11), (2, "random", 1, 0.6, 15),
               (2, "random", 2, 0.6, 14)]


def test_explainers_are_compared_with_the_random_control_at_the_same_iteration(tmp_path):
    runs = [make_run(tmp_path, *run) for run in RUNS + RANDOM_RUNS]
    summary, per_seed, comparisons, text = summarise(tmp_path, runs, controls=("random", "none"))
    rows = {(int(r["seed"]), r["system"], int(r["iteration"])): r for r in per_seed}
    assert rows[(1, "attention", 1)]["delta_random"] == "15.00"  # 16 vs 13 of 20 right
    assert rows[(2, "attention", 2)]["delta_random"] == "25.00"  # 19 vs 14 of 20 right
    assert rows[(1, "random", 1)]["p_random"] == "" and rows[(1, "random", 1)]["p_none"] == ""
    table = {(r["system"], r["iteration"]): r for r in summary}
    assert (table[("random", "1")]["test_mean"], table[("random", "1")]["test_sd"]) == ("70.00", "7.07")  # 13, 15 of 20
    assert table[("attention", "1")]["delta_random"] == "15.00"  # 3 more of 20 right in both seeds
    both = next(r for r in comparisons if (r["system"], r["iteration"], r["against"]) == ("attention", "2", "random"))
    assert both["seeds"] == "2" and both["p_t"] != ""
    header = list(summary[0])
    assert header.index("p_random") < header.index("delta_none")
    assert "attention, iteration 1 (the same extra training as every control)" in text


def summarise_with_records(tmp_path, extra=lambda run: {}):
    """The summary of RUNS given a training.json per model (`extra`: more keys of a run's
    record); returns its output paths."""
    runs = [make_run(tmp_path, *run) for run in RUNS]
    models = []
    for run in runs:
        model = tmp_path / f"model_{run['seed']}_{run['system']}_{run['iteration']}"
        record = {"epochs": 3 + run["seed"], "updates": 30 * run["seed"], "examples": 600, "wordpieces": 9000,
                  "kept_epoch": 2, "metric": "accuracy", "valid_score": 0.5, "history": [], **extra(run)}
        write_training(model, record)
        models.append(str(model))
    design = classification_design({"explainers": ["attention"], "controls": ["none"], "bootstrap": 2, "seeds": [1, 2]})
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons",
                                                           "comparisons_per_seed", "verdict", "compute")}
    write_classification_summary(design, runs, SYNTHETIC, outputs, {"ar_trials": 19}, models=models)
    return outputs


def test_a_tasks_further_test_metrics_follow_the_shared_columns(tmp_path):
    """accuracy_f1 scores hold f1 beside the headline accuracy: the table keeps it as
    test_f1_mean and test_f1_sd after the columns both halves share."""
    runs = [make_run(tmp_path, *run) for run in RUNS]
    for number, run in enumerate(runs):
        score = json.loads(open(run["test"]).read())
        score["metrics"]["f1"] = 0.1 * (number % 5) + 0.01 * run["seed"]  # attention/1: 0.11 and 0.12
        open(run["test"], "w").write(json.dumps(score))
    table = summarise(tmp_path, runs)[0]
    assert list(table[0])[-2:] == ["test_f1_mean", "test_f1_sd"]
    assert (table[1]["test_mean"], table[1]["test_f1_mean"], table[1]["test_f1_sd"]) == ("85.00", "11.50", "0.71")


def test_compute_per_seed_and_its_mean_over_seeds_from_each_models_training_json(tmp_path):
    swept = {"lr": 1e-4, "lr_candidates": 2}  # picked from a sweep: its totals
    outputs = summarise_with_records(tmp_path, lambda run: swept if (run["seed"], run["system"]) == (2, "attention")
                                     else {})
    compute = read_tsv(outputs["compute"])
    assert list(compute[0]) == ["seed", "system", "iteration", "updates", "epochs", "kept_epoch", "examples",
                                "wordpieces", "lr", "lr_candidates"]
    assert compute[0] == {"seed": "1", "system": "baseline", "iteration": "0", "updates": "30", "epochs": "4",
                          "kept_epoch": "2", "examples": "600", "wordpieces": "9000", "lr": "", "lr_candidates": "1"}
    assert (compute[6]["system"], compute[6]["lr"], compute[6]["lr_candidates"]) == ("attention", "0.0001", "2")
    table = read_tsv(outputs["table"])
    assert list(table[0])[-4:] == ["updates_mean", "epochs_mean", "examples_mean", "wordpieces_mean"]
    assert (table[1]["updates_mean"], table[1]["epochs_mean"]) == ("45.00", "4.50")


def test_the_compute_table_shows_each_trainings_seconds_and_peak_memory_where_recorded(tmp_path):
    def cost(run):  # one model trained before the cost was recorded
        return {} if run["system"] == "none" and run["iteration"] == 2 else {
            "seconds": 10.0 * run["seed"], "peak_rss_mb": 900.5}
    compute = read_tsv(summarise_with_records(tmp_path, cost)["compute"])
    assert list(compute[0])[-2:] == ["seconds", "peak_rss_mb"]  # no GPU record: no peak_gpu_mb column
    assert (compute[0]["seconds"], compute[0]["peak_rss_mb"]) == ("10", "900.5")
    assert [(r["seconds"], r["peak_rss_mb"]) for r in compute if (r["system"], r["iteration"]) == ("none", "2")] == [
        ("", ""), ("", "")]


def test_the_classification_verdict_warns_when_none_loses_what_the_baseline_had(tmp_path):
    # baseline 10 and 12 of 20 right (50, 60); none/1 at 4 and 5 (20, 25): 32.5 below
    runs = [(1, "baseline", 0, 0.5, 10), (2, "baseline", 0, 0.5, 12), (1, "attention", 1, 0.7, 16),
            (2, "attention", 1, 0.8, 18), (1, "none", 1, 0.6, 4), (2, "none", 1, 0.6, 5)]
    design = classification_design({"explainers": ["attention"], "controls": ["none"], "bootstrap": 1, "seeds": [1, 2]})
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons",
                                                           "comparisons_per_seed", "verdict")}
    text = write_classification_summary(design, [make_run(tmp_path, *run) for run in runs], SYNTHETIC, outputs,
                                        {"ar_trials": 19})
    assert ("warning: regime check, none at iteration 1 (its validation pick) − baseline, test accuracy (2 seed(s), "
            "uncorrected): Δ = -32.50 [") in text and "loss shown. Continued training" in text


def classification_run(tmp_path, name, seeds):
    """The classification summary of RUNS' `seeds` written into tmp_path/<name> as the pipeline
    writes results/toy (with the run's config entries beside): its outputs."""
    experiment = {"dataset": "toy", "explainers": ["attention"], "controls": ["none"], "bootstrap": 2,
                  "seeds": list(seeds), "significance": {"ar_trials": 99, "seed": 5}}
    dataset = {"source": "synthetic", "sizes": {"train": 20, "valid": 10, "test": 20}}
    run = tmp_path / name
    run.mkdir(parents=True)
    config = {"classification": {"datasets": {"toy": dataset}, "experiments": {"toy": experiment}}}
    (run / "config.yaml").write_text(yaml.safe_dump(config))
    outputs = {kind: run / f"classification_{kind}.tsv" for kind in ("table", "per_seed", "comparisons",
                                                                     "comparisons_per_seed", "verdict")}
    outputs |= {"item_records": run / "classification_items_per_seed.tsv.gz",
                "scores": run / "classification_scores_per_seed.tsv"}
    runs = [make_run(run, *r) for r in RUNS if r[0] in seeds]
    write_classification_summary(classification_design(experiment), runs, SYNTHETIC, outputs,
                                 experiment["significance"])
    return outputs


def test_recompute_reads_the_summarys_own_score_table_and_items_to_the_same_comparisons(tmp_path):
    """The classification summary writes the per-seed scores and items that ielearn.recompute
    and ielearn.merge_seeds read: recomputed, its comparisons come out byte for byte."""
    outputs = classification_run(tmp_path, "toy", [1, 2])
    assert outputs["scores"].read_text().splitlines()[:2] == [
        "seed\tsystem\titeration\tvalid\ttest", "1\tbaseline\t0\t50.0\t50.0"]
    recompute(tmp_path / "toy", REPO / "config.yaml", out=tmp_path / "again")
    assert (tmp_path / "again/comparisons.tsv").read_text() == outputs["comparisons"].read_text()
