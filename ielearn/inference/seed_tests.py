"""The primary inference: seeds are the replicates, Δ_s = A_s − B_s per seed.

One procedure gives Δ, its standard error, degrees of freedom, CI and p, so that for a single
comparison the 95 % CI excludes 0 exactly when p < 0.05. Seeds and test items are crossed
random factors (every seed is scored on every item of one test set), as subjects and items
are in a psycholinguistic experiment (Clark 1973). Per seed and item, d_si is the item's
share of Δ_s (its jackknife pseudo-value: exactly the item's difference for a mean such as
accuracy, the linearised contribution for BLEU or MCC). The two-way mean squares of the d_si
give three variance parts, each kept per comparison (`Spread`):

- s2: the variance of Δ_s over seeds (everything that changes from seed to seed);
- shared: the variance of mean Δ that comes from which test items were drawn, the same in
  every seed — an arm better on these particular items — (MS_item − MS_resid) / (n N),
  at least 0;
- resid: MS_resid / N, the seed × item noise (it enters only the degrees of freedom).

SE² = s2 / n + shared. Degrees of freedom: Satterthwaite's for that combination of mean
squares (n − 1, N − 1 and (n − 1)(N − 1) of them); with shared = 0, or per-item records
unknown, this is exactly the paired t-test over seeds (n − 1). p: two-sided, t = mean Δ / SE;
CI: mean Δ ± t(0.975, df) × SE.

Why not the seeds alone: with a per-item arm difference that is the same in every seed and
averages 0 over items, the seeds-only t-test rejects a true null too often, the more seeds the
worse; why not n − 1 degrees of freedom for both parts: then the CI excludes 0 far less
often than 5 % (tests/test_calibration.py; docs/statistics.md has the simulated rates).
"""

import math
from dataclasses import dataclass

import numpy as np
import scipy  # scipy.stats loads on first use (0.7 s): jobs that only read scores skip it

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Spread:
    """The variance parts of one comparison (see the module docstring), per seed and item:
    enough to recompute its SE and degrees of freedom for any number of seeds."""
    s2: float  # variance of Δ_s over seeds
    shared: float = 0.0  # variance of mean Δ from the draw of test items, shared by all seeds
    resid: float = 0.0  # MS_resid / N
    items: int = 0  # N; 0: per-item records unknown (seeds only)

    def standard_error(self, seeds):
        """(SE, degrees of freedom) of mean Δ over `seeds` seeds."""
        variance = self.s2 / seeds + self.shared
        if self.shared <= 0 or self.items < 2:
            return math.sqrt(variance), seeds - 1
        parts = (self.s2 ** 2 / (seeds - 1) + (seeds * self.shared + self.resid) ** 2 / (self.items - 1)
                 + self.resid ** 2 / ((seeds - 1) * (self.items - 1)))
        return math.sqrt(variance), (self.s2 + seeds * self.shared) ** 2 / parts


@dataclass(frozen=True)
class SeedLevel:
    seeds: int
    mean: float
    ci_low: float
    ci_high: float
    p: float  # nan: no test (one seed, or no variation at all)
    ci_method: str  # 'seeds' or 'seeds+items'
    note: str = ""
    se: float = math.nan
    df: float = math.nan
    spread: Spread | None = None

    @property
    def tested(self):
        return not math.isnan(self.p)

    def interval(self, alpha):
        """mean Δ ± t(1 − alpha/2, df) × SE: the two-sided (1 − alpha) interval (nan: no test)."""
        if not self.tested:
            return math.nan, math.nan
        half = float(scipy.stats.t.isf(alpha / 2, self.df)) * self.se
        return self.mean - half, self.mean + half


ONE_SEED = "one seed: no seed-level test (list more seeds)"
NO_SPREAD = "Δ is the same in every seed and no item noise is shared: no test"


def seed_level(deltas, spread=None):
    """Mean Δ, SE, degrees of freedom, 95 % CI and p of the per-seed differences `deltas`.
    spread: the comparison's variance parts with the per-item records (`item_spread`); None:
    seeds only, the paired t-test over seeds."""
    deltas = np.asarray(deltas, dtype=float)
    n, mean = len(deltas), float(np.mean(deltas))
    method = "seeds+items" if spread is not None and spread.items else "seeds"
    if n < 2:
        return SeedLevel(n, mean, math.nan, math.nan, math.nan, method, ONE_SEED)
    spread = spread or Spread(float(np.var(deltas, ddof=1)))
    se, df = spread.standard_error(n)
    if se <= 0:
        return SeedLevel(n, mean, math.nan, math.nan, math.nan, method, NO_SPREAD, spread=spread)
    p = float(2 * scipy.stats.t.sf(abs(mean) / se, df))
    half = float(scipy.stats.t.isf((1 - CONFIDENCE) / 2, df)) * se
    return SeedLevel(n, mean, mean - half, mean + half, p, method, "", se, df, spread)


def pseudo_values(scorer, items):
    """Jackknife pseudo-values N·f(all) − (N − 1)·f(all but item i), one per item: the item's
    share of the score (for a mean, the item's own value)."""
    items = np.asarray(items, dtype=float)
    count = len(items)
    return count * scorer.score(items) - (count - 1) * scorer.leave_one_out(items)


def item_spread(scorer, deltas, a_items, b_items):
    """The Spread of a comparison from its per-seed Δ and both arms' per-item records (per
    seed, (items × d) statistics on the same test items)."""
    d = np.stack([pseudo_values(scorer, a) - pseudo_values(scorer, b) for a, b in zip(a_items, b_items)])
    n, count = d.shape
    s2 = float(np.var(np.asarray(deltas, dtype=float), ddof=1))
    if count < 2:
        return Spread(s2)
    seed_means, item_means, grand = d.mean(axis=1), d.mean(axis=0), d.mean()
    ms_item = n * float(np.sum((item_means - grand) ** 2)) / (count - 1)
    resid = d - seed_means[:, None] - item_means[None, :] + grand
    ms_resid = float(np.sum(resid ** 2)) / ((n - 1) * (count - 1))
    shared = max(0.0, (ms_item - ms_resid) / (n * count))
    return Spread(s2, shared, ms_resid / count, count)
