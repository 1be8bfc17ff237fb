"""Every comparison ends in one of four answers, never in "no effect".

- gain shown / loss shown: the family-corrected (Holm) p of Δ = 0 is below α;
- equivalent within ±m: otherwise, the family-corrected two one-sided tests (TOST) reject
  |Δ| ≥ m, m the experiment's equivalence margin in the metric's units;
- inconclusive: neither; the answer names the range of Δ the family's interval allows and
  the minimum detectable effect (80 % power) of the seeds that ran.

The Holm-consistent interval of a comparison is its interval at the level Holm tested it
(α / c, ielearn.inference.holm.holm_multipliers): it excludes 0 exactly when the corrected p
is below α. It is at least as wide as the single comparison's 95 % CI and at most as wide as
the Bonferroni interval of the family. It is consistent with Holm's decisions, not a
simultaneous interval in general (docs/statistics.md gives its simulated coverage).
"""

import math
from dataclasses import dataclass

import scipy

from ielearn.inference.holm import holm, holm_multipliers
from ielearn.inference.power import minimum_detectable_effect

ALPHA = 0.05
MARGIN = 1.0  # default equivalence margin, in the metric's units (BLEU, accuracy points)
GAIN, LOSS, EQUIVALENT, INCONCLUSIVE, NO_TEST = "gain shown", "loss shown", "equivalent", "inconclusive", "no test"


@dataclass
class Decision:
    """A comparison's answer within its family (see the module docstring)."""
    family: str  # 'primary' or 'exploratory'
    p_holm: float
    interval: tuple  # the Holm-consistent interval (nan, nan without a test)
    p_tost: float  # two one-sided tests of |Δ| ≥ margin, uncorrected
    p_tost_holm: float
    margin: float
    mde: float  # minimum detectable effect at 80 % power, at the family's first Holm level
    answer: str  # one of GAIN, LOSS, EQUIVALENT, INCONCLUSIVE, NO_TEST

    def words(self):
        """'gain shown', 'equivalent within ±1.0', 'inconclusive (the CI allows from −2.10 to
        +3.40; MDE 4.20)'."""
        if self.answer == EQUIVALENT:
            return f"equivalent within ±{self.margin:g}"
        if self.answer == INCONCLUSIVE:
            low, high = self.interval
            mde = "" if math.isnan(self.mde) else f"; MDE {self.mde:.2f} at 80 % power"
            return f"inconclusive (the CI allows from {low:+.2f} to {high:+.2f}{mde})"
        return self.answer


def tost_p(level, margin):
    """p of the two one-sided t-tests of H0: Δ ≤ −margin or Δ ≥ +margin (nan: no test)."""
    if not level.tested:
        return math.nan
    below = scipy.stats.t.sf((level.mean + margin) / level.se, level.df)
    above = scipy.stats.t.cdf((level.mean - margin) / level.se, level.df)
    return float(max(below, above))


def answer(mean, p_difference, p_equivalence, alpha=ALPHA):
    if math.isnan(p_difference):
        return NO_TEST
    if p_difference < alpha:
        return GAIN if mean > 0 else LOSS
    return EQUIVALENT if p_equivalence < alpha else INCONCLUSIVE


def decide_family(levels, family, margin=MARGIN, alpha=ALPHA):
    """Decisions of one family's comparisons (their SeedLevels), Holm-corrected within it."""
    pvalues = [level.p for level in levels]
    factors, p_holm = holm_multipliers(pvalues), holm(pvalues)
    tost = [tost_p(level, margin) for level in levels]
    tost_holm = holm(tost)
    first_level = alpha / max(1, sum(level.tested for level in levels))  # Holm's first step
    decisions = []
    for level, factor, corrected, equivalence, equivalence_holm in zip(levels, factors, p_holm, tost, tost_holm):
        interval = level.interval(alpha / factor) if level.tested else (math.nan, math.nan)
        mde = minimum_detectable_effect(level.spread, level.seeds, first_level) if level.tested else math.nan
        decisions.append(Decision(family, corrected, interval, equivalence, equivalence_holm, margin, mde,
                                  answer(level.mean, corrected, equivalence_holm, alpha)))
    return decisions


def decide_alone(level, margin=MARGIN, alpha=ALPHA):
    """One comparison's decision on its own, uncorrected (a check such as the regime's)."""
    return decide_family([level], "check", margin, alpha)[0]
