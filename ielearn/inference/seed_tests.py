"""The primary inference: seeds are the replicates, Δ_s = A_s − B_s per seed.

- p: the paired t-test over seeds (one-sample t-test of the Δ_s against 0, two-sided). Its
  false-positive rate is α when the Δ_s are independent and roughly normal
  (tests/test_calibration.py). It needs two seeds; with one seed there is no test at all.
- CI: mean Δ ± t(0.975, n−1) × SE. SE² is s²/n over seeds when only per-seed scores are
  known. All seeds are scored on one test set, so the spread over seeds misses the part of
  the test-item noise that every seed shares (an arm that is better on these particular
  items in every seed). When the per-item records are known, a bootstrap over the test items
  (the same resample for every seed and both arms) measures that part and SE² adds it
  (`shared_item_variance`). The CI then carries both sources of noise; it is never narrower
  than the t-test's, so a CI that excludes 0 never claims more than the test.
"""

import math
from dataclasses import dataclass

import numpy as np
import scipy  # scipy.stats loads on first use (0.7 s): jobs that only read scores skip it

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
    result = scipy.stats.ttest_1samp(deltas, 0.0)
    return float(result.pvalue), float(result.statistic)


def seed_level(deltas, standard_error=None, ci_method="seeds"):
    """Mean Δ, its 95 % CI and the t-test's p over the per-seed differences `deltas`.
    `standard_error`: over seeds and test items (see the module docstring), else s/√n."""
    deltas = np.asarray(deltas, dtype=float)
    n, mean = len(deltas), float(np.mean(deltas))
    if n < 2:
        return SeedLevel(n, mean, math.nan, math.nan, math.nan, ci_method,
                         "one seed: no seed-level test (list more seeds)")
    p, _ = t_test(deltas)
    if standard_error is None and math.isnan(p):  # every seed the same: no spread to build a CI from
        return SeedLevel(n, mean, math.nan, math.nan, p, ci_method,
                         "Δ is the same in every seed: the t-test is undefined")
    if standard_error is None:
        standard_error = float(np.std(deltas, ddof=1)) / math.sqrt(n)
    half = float(scipy.stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1)) * standard_error
    note = "" if not math.isnan(p) else "Δ is the same in every seed: the t-test is undefined"
    return SeedLevel(n, mean, mean - half, mean + half, p, ci_method, note)


def shared_item_variance(scorer, a_items, b_items, samples=1000, seed=12345):
    """The variance of mean Δ that comes from which test items were drawn, shared by all seeds
    (a_items, b_items: per seed, the (items × d) statistics of the two arms on the same test
    set). The test items are resampled jointly for every seed and both arms; the covariance of
    two seeds' resampled Δ is the shared part (each seed's own item noise is already in the
    spread over seeds), estimated as the mean covariance over pairs of seeds, at least 0."""
    weights = resample_weights(a_items[0].shape[0], samples, np.random.default_rng(seed))
    deltas = np.stack([scorer.resampled(a, weights) - scorer.resampled(b, weights)
                       for a, b in zip(a_items, b_items)], axis=1)  # samples × seeds
    n = deltas.shape[1]
    covariance = np.cov(deltas, rowvar=False)
    shared = (covariance.sum() - np.trace(covariance)) / (n * (n - 1))
    return max(0.0, float(shared))


def two_way_standard_error(deltas, shared_variance):
    """SE of mean Δ over seeds and test items: s²/n over seeds plus the shared item variance."""
    deltas = np.asarray(deltas, dtype=float)
    return math.sqrt(np.var(deltas, ddof=1) / len(deltas) + shared_variance)
