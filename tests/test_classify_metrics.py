"""GLUE metrics against formulas computed by hand and against scipy/sklearn."""

import math
import random

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr, rankdata
from sklearn.metrics import f1_score, matthews_corrcoef

from ielearn.classify.metrics import compute_metric


@pytest.fixture
def labels():
    rng = random.Random(4)
    gold = [rng.choice("01") for _ in range(200)]
    predicted = [g if rng.random() < 0.7 else rng.choice("01") for g in gold]
    return gold, predicted


def confusion(gold, predicted, positive="1"):
    tp = sum(g == p == positive for g, p in zip(gold, predicted))
    tn = sum(g == p != positive for g, p in zip(gold, predicted))
    fp = sum(p == positive != g for g, p in zip(gold, predicted))
    fn = sum(g == positive != p for g, p in zip(gold, predicted))
    return tp, tn, fp, fn


def test_cola_mcc_by_hand_and_sklearn(labels):
    gold, predicted = labels
    tp, tn, fp, fn = confusion(gold, predicted)
    by_hand = (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    result = compute_metric("mcc", gold, predicted, ("0", "1"))
    assert list(result) == ["mcc"]
    assert result["mcc"] == pytest.approx(by_hand)
    assert result["mcc"] == pytest.approx(matthews_corrcoef(gold, predicted))


def test_qqp_accuracy_and_f1_of_the_positive_label(labels):
    gold, predicted = labels
    tp, tn, fp, fn = confusion(gold, predicted)
    result = compute_metric("accuracy_f1", gold, predicted, ("0", "1"))
    assert list(result) == ["accuracy", "f1"]  # accuracy is the headline
    assert result["accuracy"] == pytest.approx((tp + tn) / len(gold))
    assert result["f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert result["f1"] == pytest.approx(f1_score(gold, predicted, pos_label="1"))


def test_rte_accuracy_on_label_names():
    gold = ["entailment", "not_entailment", "entailment", "entailment"]
    predicted = ["entailment", "entailment", "entailment", "not_entailment"]
    assert compute_metric("accuracy", gold, predicted, ("entailment", "not_entailment")) == {"accuracy": 0.5}


def test_stsb_spearman_and_pearson():
    rng = np.random.default_rng(2)
    gold = rng.uniform(0, 5, 100)
    predicted = gold + rng.normal(0, 1, 100)
    result = compute_metric("spearman_pearson", gold, predicted)
    assert list(result) == ["spearman", "pearson"]
    ranks = np.corrcoef(rankdata(gold), rankdata(predicted))[0, 1]
    assert result["spearman"] == pytest.approx(ranks)
    assert result["spearman"] == pytest.approx(spearmanr(gold, predicted).statistic)
    assert result["pearson"] == pytest.approx(np.corrcoef(gold, predicted)[0, 1])
    assert result["pearson"] == pytest.approx(pearsonr(gold, predicted).statistic)
