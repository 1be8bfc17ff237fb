"""The primary inference: seeds are the replicates, Δ_s = A_s − B_s per seed.

- p: the paired t-test over seeds (one-sample t-test of the Δ_s against 0, two-sided). Its
  false-positive rate is α when the Δ_s are independent and roughly normal
  (tests/test_calibration.py). It needs two seeds; with one seed there is no test at all.
- CI: mean Δ ± t(0.975, n−1) × SE. SE is s/√n (seeds only) when only per-seed scores are
  known; when the per-item records are known it is the standard deviation of mean Δ over a
  hierarchical bootstrap that resamples seeds and, jointly for every seed and both arms, the
  test items (all seeds share one test set), times √(n/(n−1)) so that without item noise it
  is s/√n again. That CI carries both sources of noise and is never narrower in expectation
  than the t-test's, so a CI that excludes 0 never claims more than the test.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from ielearn.inference.item_tests import resample_weights

CONFIDENCE = 0.95


@dataclass(frozen=True)
class SeedLevel:
    seeds: int
    mean: float
    ci_low: float
    ci_high: float
    p: float  # nan: no test (one seed, or Δ identical in every seed)
    ci_method: str  # 'seeds' or 'seeds+items'
    note: str = ""


def t_test(deltas):
    """(p, t) of the two-sided one-sample t-test of mean Δ = 0; nan when undefined."""
    deltas = np.asarray(deltas, dtype=float)
    if len(deltas) < 2 or np.ptp(deltas) == 0:
        return math.nan, math.nan
    result = stats.ttest_1samp(deltas, 0.0)
    return float(result.pvalue), float(result.statistic)


def seed_level(deltas, standard_error=None, ci_method="seeds"):
    """Mean Δ, its 95 % CI and the t-test's p over the per-seed differences `deltas`.
    `standard_error`: the hierarchical bootstrap's (see the module docstring), else s/√n."""
    deltas = np.asarray(deltas, dtype=float)
    n, mean = len(deltas), float(np.mean(deltas))
    if n < 2:
        return SeedLevel(n, mean, math.nan, math.nan, math.nan, ci_method,
                         "one seed: no seed-level test (list more seeds)")
    p, _ = t_test(deltas)
    if standard_error is None:
        standard_error = float(np.std(deltas, ddof=1)) / math.sqrt(n)
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1)) * standard_error
    note = "" if not math.isnan(p) else "Δ is the same in every seed: the t-test is undefined"
    return SeedLevel(n, mean, mean - half, mean + half, p, ci_method, note)


def hierarchical_standard_error(scorer, a_items, b_items, samples=1000, seed=12345):
    """SE of mean Δ over seeds by the hierarchical bootstrap. a_items, b_items: per seed,
    the (items × d) statistics of the two arms, all on the same test items."""
    n = len(a_items)
    rng = np.random.default_rng(seed)
    weights = resample_weights(a_items[0].shape[0], samples, rng)  # shared by seeds and arms
    deltas = np.stack([scorer.resampled(a, weights) - scorer.resampled(b, weights)
                       for a, b in zip(a_items, b_items)], axis=1)  # samples × seeds
    chosen = rng.integers(n, size=(samples, n))  # seeds drawn with replacement
    means = np.take_along_axis(deltas, chosen, axis=1).mean(axis=1)
    return float(np.std(means, ddof=1)) * math.sqrt(n / (n - 1))
