"""The tests are tested: A/A simulations (both arms drawn from one distribution, seeded) must
reject at α = 0.05 no more often than a binomial tolerance around 5 % allows, a planted
difference must be found, and sacrebleu's paired bootstrap p as ielearn used it must fail the
same check (so the check can fail)."""

import numpy as np
import pytest
from scipy import stats
from sacrebleu.significance import Result, _paired_bs_test

from ielearn.inference.holm import holm
from ielearn.inference.item_tests import randomization_test
from ielearn.inference.scorers import ACCURACY, accuracy_items
from ielearn.inference.seed_tests import seed_level, shared_item_variance, two_way_standard_error

ALPHA = 0.05
REPLICATES = 1000
# the rejection count of a test whose true rate is 5 % lies in this range with probability 0.998
LOW, HIGH = stats.binom.ppf(0.001, REPLICATES, ALPHA), stats.binom.isf(0.001, REPLICATES, ALPHA)


def simulated_accuracy(rng, seeds, items, shift=0.0):
    """Per-item 0/1 correctness of two arms in each seed: item difficulty shared by everything
    (one test set), a seed effect shared by both arms of a seed, and arm A better by `shift`."""
    difficulty = rng.uniform(0.5, 0.95, size=items)
    seed_effect = rng.normal(0, 0.04, size=(seeds, 1))
    arm_seed = rng.normal(0, 0.02, size=(2, seeds, 1))  # each fine-tune's own seed noise
    p_a = np.clip(difficulty + seed_effect + arm_seed[0] + shift, 0, 1)
    p_b = np.clip(difficulty + seed_effect + arm_seed[1], 0, 1)
    return (rng.random((seeds, items)) < p_a).astype(float), (rng.random((seeds, items)) < p_b).astype(float)


def rejection_count(pvalues):
    return int(np.sum(np.asarray(pvalues) < ALPHA))


def seed_t_pvalues(seeds, shift, replicates=REPLICATES):
    rng = np.random.default_rng(2024)
    pvalues = []
    for _ in range(replicates):
        a, b = simulated_accuracy(rng, seeds, 100, shift)
        pvalues.append(seed_level(100 * (a.mean(1) - b.mean(1))).p)
    return pvalues


@pytest.mark.parametrize("seeds", [3, 5])
def test_the_seed_level_t_test_rejects_5_percent_of_true_nulls(seeds):
    count = rejection_count(seed_t_pvalues(seeds, 0.0))
    print(f"t-test over {seeds} seeds, A/A: {count / REPLICATES:.3f}")
    assert LOW <= count <= HIGH


def test_the_seed_level_t_test_finds_a_planted_gain():
    power = rejection_count(seed_t_pvalues(5, 0.15, 300)) / 300
    print(f"t-test over 5 seeds, +15 points planted: power {power:.2f}")
    assert power > 0.8


def two_way_ci_excludes_zero(shift, replicates, seeds=3):
    rng = np.random.default_rng(7)
    excluded = 0
    for i in range(replicates):
        a, b = simulated_accuracy(rng, seeds, 100, shift)
        a_items, b_items = [accuracy_items(x) for x in a], [accuracy_items(x) for x in b]
        deltas = 100 * (a.mean(1) - b.mean(1))
        shared = shared_item_variance(ACCURACY, a_items, b_items, 200, i)
        level = seed_level(deltas, two_way_standard_error(deltas, shared), "seeds+items")
        excluded += not level.ci_low <= 0 <= level.ci_high
    return excluded


def test_the_two_way_ci_excludes_zero_at_most_5_percent_of_true_nulls():
    count = two_way_ci_excludes_zero(0.0, REPLICATES)
    print(f"CI over 3 seeds and the test items, A/A: excludes 0 in {count / REPLICATES:.3f}")
    assert count <= HIGH


def test_the_two_way_ci_finds_a_planted_gain():
    power = two_way_ci_excludes_zero(0.15, 200, seeds=5) / 200
    print(f"CI over 5 seeds and the test items, +15 points planted: power {power:.2f}")
    assert power > 0.8


def randomization_pvalues(shift, replicates=REPLICATES):
    """One seed, 100 test items: the per-seed approximate randomization diagnostic."""
    rng = np.random.default_rng(99)
    pvalues = []
    for i in range(replicates):
        a, b = simulated_accuracy(rng, 1, 100, shift)
        pvalues.append(randomization_test(ACCURACY, accuracy_items(a[0]), accuracy_items(b[0]), 199, i)[1])
    return pvalues


def test_approximate_randomization_rejects_at_most_5_percent_of_true_nulls():
    count = rejection_count(randomization_pvalues(0.0))
    print(f"approximate randomization, A/A: {count / REPLICATES:.3f}")
    assert count <= HIGH


def test_approximate_randomization_finds_a_planted_gain():
    power = rejection_count(randomization_pvalues(0.2, 200)) / 200
    print(f"approximate randomization, +20 points planted: power {power:.2f}")
    assert power > 0.8


class Accuracy:
    """Just enough of a sacrebleu Metric for its paired bootstrap to score 0/1 items."""

    def _extract_corpus_statistics(self, hypotheses, references):
        return [[h, 1] for h in hypotheses]

    def _aggregate_and_compute(self, stats):
        return self._compute_score_from_stats(np.asarray(stats, dtype=float).sum(0))

    def _compute_score_from_stats(self, sums):
        return Result(100 * sums[0] / sums[1])


def test_sacrebleus_paired_bootstrap_fails_the_same_check():
    """What ielearn reported before: sacrebleu's --paired-bs p on A/A data rejects too often."""
    rng, metric, pvalues = np.random.default_rng(99), Accuracy(), []
    for i in range(REPLICATES):
        a, b = simulated_accuracy(rng, 1, 100)
        baseline = metric._extract_corpus_statistics(list(b[0]), None)
        info = {"acc": (baseline, metric._aggregate_and_compute(baseline))}
        pvalues.append(_paired_bs_test(info, "a", list(a[0]), None, {"acc": metric}, 200, seed=i)[1]["acc"].p_value)
    count = rejection_count(pvalues)
    print(f"sacrebleu paired bootstrap, A/A: {count / REPLICATES:.3f}, largest p {max(pvalues):.2f}")
    assert count > HIGH and max(pvalues) < 0.6


def test_holm_keeps_the_family_wise_error_of_a_table_at_5_percent():
    """Eight comparisons, all true nulls, t-tests over 3 seeds: any rejection is an error."""
    rng = np.random.default_rng(5)
    errors = 0
    for _ in range(REPLICATES):
        deltas = rng.normal(size=(8, 3))
        errors += any(p < ALPHA for p in holm([seed_level(d).p for d in deltas]))
    print(f"Holm over 8 true nulls: family-wise error {errors / REPLICATES:.3f}")
    assert errors <= HIGH
