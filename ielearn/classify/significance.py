"""The task's headline metric as a scorer of per-example records, for ielearn.inference.

Accuracy is a mean of per-example 0/1 (an additive scorer: fast, exact); any other headline
metric (MCC, F1, Spearman) is recomputed from the (gold, predicted) records of each
resample. Scores are × 100, as in every table.
"""

import warnings

import numpy as np
from scipy.stats import ConstantInputWarning

from ielearn.classify.metrics import compute_metric
from ielearn.inference.scorers import ACCURACY, RowScorer, accuracy_items


def headline_metric(task):
    """metric(gold, predicted) -> the task's headline value (accuracy, MCC, Spearman, ...)."""
    def metric(gold, predicted):
        with warnings.catch_warnings():  # once per resample would flood the log
            warnings.simplefilter("ignore", ConstantInputWarning)
            values = compute_metric(task.metric, gold, predicted, task.labels)
        value = next(iter(values.values()))
        return 0.0 if np.isnan(value) else value  # Spearman of a constant resample is undefined
    return metric


def task_scorer(task):
    """The scorer of the task's headline metric over `task_items` records."""
    if task.metric == "accuracy":
        return ACCURACY
    metric = headline_metric(task)

    def score(records):
        if task.regression:
            return 100 * metric(list(records[:, 0]), list(records[:, 1]))
        names = [task.labels[int(i)] for i in records.ravel()]
        return 100 * metric(names[0::2], names[1::2])
    return RowScorer(score)


def task_items(task, gold, predicted):
    """Per-example records of one arm's test predictions, in `task_scorer(task)`'s format."""
    if task.metric == "accuracy":
        return accuracy_items([g == p for g, p in zip(gold, predicted, strict=True)])
    if task.regression:
        return np.array([gold, predicted], dtype=float).T
    index = {label: i for i, label in enumerate(task.labels)}
    return np.array([[index[g], index[p]] for g, p in zip(gold, predicted, strict=True)], dtype=float)
