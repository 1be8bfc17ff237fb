"""Paired bootstrap over examples: against sacrebleu's own test, an independent vectorised
accuracy bootstrap, and predictions whose answer is known."""

import random

import numpy as np
import pytest
from sacrebleu.metrics import BLEU
from sacrebleu.significance import PairedTest

from ielearn.classify.significance import headline_metric, paired_bootstrap, resample_indices
from ielearn.classify.tasks import TREC, Task


def test_same_system_twice_is_not_significant():
    gold = ["ABBR", "DESC", "HUM", "NUM"] * 25
    system = ["DESC", "DESC", "HUM", "LOC"] * 25
    difference, p = paired_bootstrap(gold, system, list(system), headline_metric(TREC), resamples=200)
    assert difference == 0 and p == 1


def test_right_everywhere_the_other_is_wrong_gives_the_smallest_p():
    gold = ["HUM", "LOC"] * 50
    wrong = ["LOC", "HUM"] * 50
    difference, p = paired_bootstrap(gold, gold, wrong, headline_metric(TREC), resamples=300)
    assert difference == 1 and p == 1 / 301


def test_a_few_differing_examples_either_way_are_not_significant():
    gold = ["HUM"] * 200
    system, baseline = ["HUM"] * 200, ["HUM"] * 200
    system[0], baseline[1] = "LOC", "LOC"  # one error each: same accuracy
    # observed difference 0: p is the share of resamples whose |difference| is at least the
    # mean |difference| (sacrebleu's centring), far from significant but not 1
    assert paired_bootstrap(gold, system, baseline, headline_metric(TREC), resamples=300)[1] > 0.2


def test_a_large_gain_is_significant_and_the_p_value_depends_on_the_seed_only():
    rng = random.Random(4)
    gold = [rng.choice(["0", "1"]) for _ in range(200)]
    system = [g if rng.random() < 0.9 else "01"[g == "0"] for g in gold]
    baseline = [g if rng.random() < 0.6 else "01"[g == "0"] for g in gold]
    metric = headline_metric(Task(False, ("0", "1"), "mcc"))
    first = paired_bootstrap(gold, system, baseline, metric, resamples=150, seed=7)
    assert first[0] > 0.4 and first[1] == 1 / 151
    assert paired_bootstrap(gold, system, baseline, metric, resamples=150, seed=7) == first


def test_accuracy_bootstrap_matches_an_independent_vectorised_computation():
    rng = random.Random(1)
    labels = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"]
    gold = [rng.choice(labels) for _ in range(150)]
    system = [g if rng.random() < 0.8 else rng.choice(labels) for g in gold]
    baseline = [g if rng.random() < 0.74 else rng.choice(labels) for g in gold]
    difference, p = paired_bootstrap(gold, system, baseline, headline_metric(TREC), resamples=400, seed=3)
    # the same test written from scratch with numpy, as sacrebleu draws its indices
    right_system = np.array([s == g for s, g in zip(system, gold)], dtype=float)
    right_baseline = np.array([b == g for b, g in zip(baseline, gold)], dtype=float)
    rows = np.random.default_rng(3).choice(150, size=(400, 150), replace=True)
    resampled = np.abs(right_system[rows].mean(1) - right_baseline[rows].mean(1))
    observed = abs(right_system.mean() - right_baseline.mean())
    expected = (np.sum(resampled - resampled.mean() >= observed) + 1) / 401
    assert difference == pytest.approx(right_system.mean() - right_baseline.mean())
    assert p == pytest.approx(expected)
    assert 0.01 < p < 0.9  # a middling case, so the comparison above means something


def _sentences(rng, count, vocabulary):
    return [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 12))) for _ in range(count)]


def _corrupt(rng, sentences, rate, vocabulary):
    return [" ".join(w if rng.random() > rate else rng.choice(vocabulary) for w in s.split()) for s in sentences]


def test_same_p_value_as_sacrebleus_paired_bootstrap_on_bleu(monkeypatch):
    """With BLEU as the metric our test is sacrebleu's --paired-bs: same seed, same p."""
    rng = random.Random(11)
    vocabulary = [f"w{i}" for i in range(30)]
    references = _sentences(rng, 60, vocabulary)
    baseline = _corrupt(rng, references, 0.45, vocabulary)
    systems = {"better": _corrupt(rng, references, 0.35, vocabulary),
               "close": _corrupt(rng, references, 0.44, vocabulary)}
    monkeypatch.setenv("SACREBLEU_SEED", "12345")
    test = PairedTest([("baseline", baseline), *systems.items()], {"BLEU": BLEU()}, [references],
                      test_type="bs", n_samples=200)
    _, scores = test()
    theirs = {name: result.p_value for name, result in zip(scores["System"][1:], scores["BLEU"][1:])}

    def bleu(gold, predicted):
        return BLEU().corpus_score(predicted, [gold]).score

    ours = {name: paired_bootstrap(references, hypotheses, baseline, bleu, resamples=200, seed=12345)[1]
            for name, hypotheses in systems.items()}
    assert ours == pytest.approx(theirs)
    assert theirs["better"] < 0.05 < theirs["close"]  # both kinds of outcome are compared


def test_resample_indices_are_sacrebleus():
    expected = np.random.default_rng(12345).choice(9, size=(5, 9), replace=True)
    assert (resample_indices(9, 5) == expected).all()


def test_unequal_lengths_are_refused():
    with pytest.raises(ValueError, match="equal lengths"):
        paired_bootstrap(["a", "b"], ["a"], ["a", "b"], headline_metric(TREC))


def test_regression_predictions_round_trip_and_a_constant_resample_scores_zero(tmp_path):
    from ielearn.classify.score import read_predictions, write_predictions
    from ielearn.classify.tasks import GLUE

    stsb = GLUE["stsb"].task
    gold, predicted = [0.5, 3.25, 4.0], [1 / 3, 2.9999999999999996, 4.1]
    write_predictions(tmp_path / "p.tsv", gold, predicted)
    assert read_predictions(tmp_path / "p.tsv", stsb) == (gold, predicted)
    metric = headline_metric(stsb)
    assert metric([1.0, 1.0, 1.0], [0.2, 0.5, 0.9]) == 0.0  # Spearman undefined: no evidence either way
    assert metric(gold, predicted) == pytest.approx(1.0)
