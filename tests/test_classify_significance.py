"""The classification headline metric as a scorer of per-example records (ielearn.inference)."""

import random

import pytest

from ielearn.classify.predictions import read_predictions, write_predictions
from ielearn.classify.significance import headline_metric, task_items, task_scorer
from ielearn.classify.tasks import GLUE, TREC, Task
from ielearn.inference.item_tests import randomization_test


def test_accuracy_records_score_the_accuracy():
    gold = ["HUM", "LOC", "NUM", "HUM"]
    items = task_items(TREC, gold, ["HUM", "LOC", "HUM", "LOC"])
    assert task_scorer(TREC).score(items) == 50.0


@pytest.mark.parametrize("task", [Task(False, ("0", "1"), "mcc"), GLUE["stsb"].task])
def test_other_metrics_are_recomputed_per_resample_as_the_task_defines_them(task):
    rng = random.Random(4)
    if task.regression:
        gold = [rng.uniform(0, 5) for _ in range(60)]
        predicted = [g + rng.gauss(0, 1) for g in gold]
    else:
        gold = [rng.choice("01") for _ in range(60)]
        predicted = [g if rng.random() < 0.8 else "01"[g == "0"] for g in gold]
    scorer, items = task_scorer(task), task_items(task, gold, predicted)
    assert scorer.score(items) == pytest.approx(100 * headline_metric(task)(gold, predicted))
    rows = [i for i in range(60) if i != 1]  # the jackknife's second resample: all but item 1
    expected = 100 * headline_metric(task)([gold[i] for i in rows], [predicted[i] for i in rows])
    assert scorer.leave_one_out(items)[1] == pytest.approx(expected)
    assert randomization_test(scorer, items, items.copy(), 50)[1] == 1.0


def test_regression_predictions_round_trip_and_a_constant_resample_scores_zero(tmp_path):
    stsb = GLUE["stsb"].task
    gold, predicted = [0.5, 3.25, 4.0], [1 / 3, 2.9999999999999996, 4.1]
    write_predictions(tmp_path / "p.tsv", gold, predicted)
    assert read_predictions(tmp_path / "p.tsv", stsb) == (gold, predicted)
    metric = headline_metric(stsb)
    assert metric([1.0, 1.0, 1.0], [0.2, 0.5, 0.9]) == 0.0  # Spearman undefined: no evidence either way
    assert metric(gold, predicted) == pytest.approx(1.0)
