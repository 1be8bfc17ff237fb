"""GLUE metrics (sklearn / scipy): the first value of each metric is the headline number.

For `accuracy_f1` the positive class (F1) is the task's second label (GLUE's "1").
"""

from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef


def _accuracy(gold, predicted, labels):
    return {"accuracy": float(accuracy_score(gold, predicted))}


def _mcc(gold, predicted, labels):
    return {"mcc": float(matthews_corrcoef(gold, predicted))}


def _accuracy_f1(gold, predicted, labels):
    f1 = f1_score(gold, predicted, pos_label=labels[1], average="binary")
    return {**_accuracy(gold, predicted, labels), "f1": float(f1)}


def _spearman_pearson(gold, predicted, labels):
    gold, predicted = [float(g) for g in gold], [float(p) for p in predicted]
    return {"spearman": float(spearmanr(gold, predicted).statistic),
            "pearson": float(pearsonr(gold, predicted).statistic)}


METRICS = {
    "accuracy": _accuracy,
    "mcc": _mcc,
    "accuracy_f1": _accuracy_f1,
    "spearman_pearson": _spearman_pearson,
}


def compute_metric(metric, gold, predicted, labels=None):
    """{name: value}, headline first. Classification: label names; regression: numbers."""
    return METRICS[metric](list(gold), list(predicted), labels)
