"""The classification tables over seeds, from hand-made score and prediction files."""

import csv
import json
import math

import pytest

from ielearn.aggregate import pooled_p
from ielearn.classify.score import write_predictions
from ielearn.classify.significance import headline_metric, paired_bootstrap
from ielearn.classify.summary import write_classification_summary
from ielearn.classify.tasks import SYNTHETIC
from ielearn.errors import UserError

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


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("tables")
    runs = [make_run(tmp_path, *run) for run in RUNS]
    write_classification_summary(runs, SYNTHETIC, tmp_path / "summary.tsv", tmp_path / "per_seed.tsv",
                                 resamples=100, seed=5)
    return read_tsv(tmp_path / "summary.tsv"), read_tsv(tmp_path / "per_seed.tsv")


def test_one_row_per_system_and_iteration_with_mean_and_sd_over_seeds(tables):
    summary, _ = tables
    assert [(r["system"], r["iteration"], r["seeds"]) for r in summary] == [
        ("baseline", "0", "2"), ("attention", "1", "2"), ("attention", "2", "2"),
        ("none", "1", "2"), ("none", "2", "2")]
    attention = summary[1]  # test 80 % and 90 %: mean 85, sample sd 7.07
    assert (attention["test_accuracy_mean"], attention["test_accuracy_sd"]) == ("85.00", "7.07")
    assert attention["test_accuracy"] == "85.00 ± 7.07"
    assert attention["valid_accuracy"] == "75.00 ± 7.07"
    assert summary[0]["test_accuracy"] == "50.00 ± 0.00" and summary[0]["test_n"] == "20"


def test_validation_picks_the_best_mean_valid_iteration_earliest_on_a_tie(tables):
    summary, per_seed = tables
    assert [r["picked"] for r in summary] == ["yes", "yes", "no", "no", "yes"]  # none: 60 vs 65
    picks = {(r["seed"], r["system"], r["iteration"]): r["picked"] for r in per_seed}
    assert picks[("1", "none", "1")] == "yes" and picks[("1", "none", "2")] == "no"  # tie → first
    assert picks[("2", "none", "2")] == "yes"


def test_per_seed_comparisons_and_their_fisher_pooling(tables):
    summary, per_seed = tables
    rows = {(r["seed"], r["system"], r["iteration"]): r for r in per_seed}
    assert rows[("1", "attention", "1")]["diff_vs_baseline"] == "30.00"  # 16 vs 10 of 20 right
    assert rows[("1", "attention", "1")]["diff_vs_none"] == "20.00"  # 16 vs 12
    assert rows[("2", "none", "2")]["diff_vs_baseline"] == "15.00"
    for key in [("1", "baseline", "0"), ("1", "none", "1")]:
        assert rows[key]["p_vs_none"] == "NA"
    assert rows[("1", "baseline", "0")]["p_vs_baseline"] == "NA"
    for system, iteration, against in [("attention", "2", "baseline"), ("attention", "1", "none"),
                                       ("none", "1", "baseline")]:
        pvalues = [float(rows[(seed, system, iteration)][f"p_vs_{against}"]) for seed in ("1", "2")]
        row = next(r for r in summary if (r["system"], r["iteration"]) == (system, iteration))
        assert float(row[f"p_vs_{against}"]) == pytest.approx(pooled_p(pvalues), rel=1e-3)
    # 17 and 19 of 20 right against 10: every resample favours attention
    assert float(rows[("2", "attention", "2")]["p_vs_baseline"]) == pytest.approx(1 / 101, abs=1e-4)
    assert summary[0]["p_vs_baseline"] == "NA" and summary[3]["p_vs_none"] == "NA"


def test_one_seed_has_no_sd(tmp_path):
    runs = [make_run(tmp_path, *run) for run in RUNS if run[0] == 1]
    write_classification_summary(runs, SYNTHETIC, tmp_path / "s.tsv", tmp_path / "p.tsv", resamples=20)
    row = read_tsv(tmp_path / "s.tsv")[1]
    assert row["test_accuracy"] == "80.00" and row["test_accuracy_sd"] == "NA" and row["seeds"] == "1"
    assert not math.isnan(float(row["p_vs_baseline"]))


def test_predictions_of_different_test_sets_are_one_clear_error(tmp_path):
    runs = [make_run(tmp_path, *run) for run in RUNS[:2]]
    write_predictions(runs[1]["pred"], list(reversed(GOLD)), GOLD)
    with pytest.raises(UserError, match="different gold labels"):
        write_classification_summary(runs, SYNTHETIC, tmp_path / "s.tsv", tmp_path / "p.tsv", resamples=5)


def test_without_a_random_control_p_vs_random_is_na(tables):
    summary, per_seed = tables
    assert {r["p_vs_random"] for r in summary} == {"NA"}
    assert {(r["diff_vs_random"], r["p_vs_random"]) for r in per_seed} == {("NA", "NA")}


# the random control beside `none`: iteration 2 only in seed 1, so seed 2's attention/2 has no
# random reference and its p_vs_random is pooled from seed 1 alone
RANDOM_RUNS = [(1, "random", 1, 0.6, 13), (1, "random", 2, 0.5, 11), (2, "random", 1, 0.6, 15)]


@pytest.fixture(scope="module")
def random_tables(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("random_tables")
    runs = [make_run(tmp_path, *run) for run in RUNS + RANDOM_RUNS]
    write_classification_summary(runs, SYNTHETIC, tmp_path / "summary.tsv", tmp_path / "per_seed.tsv",
                                 resamples=50, seed=5)
    return read_tsv(tmp_path / "summary.tsv"), read_tsv(tmp_path / "per_seed.tsv")


def test_explainers_are_compared_with_the_random_control_at_the_same_iteration(random_tables):
    summary, per_seed = random_tables
    metric = headline_metric(SYNTHETIC)
    right = {(seed, system, k): r for seed, system, k, _, r in RUNS + RANDOM_RUNS}
    rows = {(int(r["seed"]), r["system"], int(r["iteration"])): r for r in per_seed}
    for seed, k in [(1, 1), (2, 1), (1, 2)]:
        difference, p = paired_bootstrap(GOLD, predictions_right_on(right[(seed, "attention", k)]),
                                         predictions_right_on(right[(seed, "random", k)]), metric, 50, 5)
        row = rows[(seed, "attention", k)]
        assert (row["diff_vs_random"], float(row["p_vs_random"])) == (f"{100 * difference:.2f}", pytest.approx(p, rel=1e-3))
    assert rows[(1, "attention", 1)]["diff_vs_random"] == "15.00"  # 16 vs 13 of 20 right
    assert rows[(2, "attention", 2)]["p_vs_random"] == "NA"  # seed 2 has no random iteration 2
    assert rows[(1, "random", 1)]["p_vs_random"] == "NA" and rows[(1, "random", 1)]["diff_vs_none"] == "5.00"
    assert rows[(1, "none", 1)]["diff_vs_random"] == "-5.00"  # the same test, seen from `none`
    mirrored = paired_bootstrap(GOLD, predictions_right_on(12), predictions_right_on(13), metric, 50, 5)[1]
    assert float(rows[(1, "none", 1)]["p_vs_random"]) == pytest.approx(mirrored, rel=1e-3)
    assert rows[(1, "none", 1)]["p_vs_random"] == rows[(1, "random", 1)]["p_vs_none"]

    table = {(r["system"], r["iteration"]): r for r in summary}
    assert [(r["system"], r["iteration"], r["seeds"]) for r in summary][-2:] == [("random", "1", "2"), ("random", "2", "1")]
    assert table[("random", "1")]["test_accuracy"] == "70.00 ± 7.07"  # 13 and 15 of 20 right
    pooled = pooled_p([float(rows[(s, "attention", 1)]["p_vs_random"]) for s in (1, 2)])
    assert float(table[("attention", "1")]["p_vs_random"]) == pytest.approx(pooled, rel=1e-3)
    assert table[("attention", "2")]["p_vs_random"] == rows[(1, "attention", 2)]["p_vs_random"]
    assert table[("baseline", "0")]["p_vs_random"] == "NA" and table[("random", "1")]["p_vs_random"] == "NA"
    header = list(summary[0])
    assert header.index("p_vs_random") == header.index("p_vs_none") - 1


def test_equal_controls_differ_by_zero_seen_from_either(tmp_path):
    runs = [make_run(tmp_path, *run) for run in RUNS if run[0] == 2]
    runs.append(make_run(tmp_path, 2, "random", 1, 0.6, 14))  # as many right as `none`
    write_classification_summary(runs, SYNTHETIC, tmp_path / "s.tsv", tmp_path / "p.tsv", resamples=20)
    rows = {(r["system"], r["iteration"]): r for r in read_tsv(tmp_path / "p.tsv")}
    assert rows[("random", "1")]["diff_vs_none"] == rows[("none", "1")]["diff_vs_random"] == "0.00"
