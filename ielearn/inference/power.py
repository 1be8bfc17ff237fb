"""Power of the seed-level test, from a comparison's variance parts (seed_tests.Spread).

For n seeds, SE and the degrees of freedom follow from the Spread (the seed part shrinks as
1/n, the item part every seed shares does not), and the two-sided t-test at level α rejects
with probability P(|T| > t(1 − α/2, df)), T noncentral t with noncentrality Δ / SE. From
that: the minimum detectable effect (the Δ found with 80 % power by the seeds that ran) and
the seeds a target Δ needs. The variances are estimates from the run itself (a pilot), so
these numbers are a plan, not a guarantee.
"""

import math
import warnings

import scipy

POWER = 0.8
MOST_SEEDS = 1000  # beyond this, `seeds_needed` says no practical number of seeds will do


def power(spread, seeds, delta, alpha):
    """Probability that `seeds` seeds show a true difference `delta` at two-sided level alpha."""
    se, df = spread.standard_error(seeds)
    if se <= 0:
        return 1.0 if delta else alpha
    critical = float(scipy.stats.t.isf(alpha / 2, df))
    shift = abs(delta) / se
    with warnings.catch_warnings():  # scipy warns where its series does not converge: handled below
        warnings.simplefilter("ignore", RuntimeWarning)
        upper = float(scipy.stats.nct.sf(critical, df, shift))
        lower = float(scipy.stats.nct.cdf(-critical, df, shift))
    # scipy's noncentral t can give nan far in a tail; there the normal shift is close enough
    if not math.isfinite(upper):
        upper = float(scipy.stats.norm.sf(critical - shift))
    if not math.isfinite(lower):
        lower = float(scipy.stats.norm.cdf(-critical - shift))
    return upper + lower


def minimum_detectable_effect(spread, seeds, alpha, target=POWER):
    """The smallest |Δ| that `seeds` seeds find with probability `target` (nan below 2 seeds)."""
    if seeds < 2 or spread is None:
        return math.nan
    se, _ = spread.standard_error(seeds)
    if se <= 0:
        return 0.0
    high = se
    while power(spread, seeds, high, alpha) < target:
        high *= 2
    return float(scipy.optimize.brentq(lambda d: power(spread, seeds, d, alpha) - target, 0.0, high, xtol=1e-6))


def seeds_needed(spread, delta, alpha, target=POWER):
    """The fewest seeds (≥ 2) that find a true difference `delta` with probability `target`, or
    None when even MOST_SEEDS do not: then the item noise every seed shares caps the power
    (`power_ceiling`), and only a larger test set helps."""
    if power(spread, MOST_SEEDS, delta, alpha) < target:
        return None
    low, high = 2, MOST_SEEDS  # power grows with the seeds: bisect
    while low < high:
        middle = (low + high) // 2
        if power(spread, middle, delta, alpha) >= target:
            high = middle
        else:
            low = middle + 1
    return low


def power_ceiling(spread, delta, alpha):
    """The power that unlimited seeds would reach: only the shared item variance is left."""
    return power(spread, MOST_SEEDS * 1000, delta, alpha)
