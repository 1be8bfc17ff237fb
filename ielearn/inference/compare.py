"""Every comparison of an experiment's design, over seeds: the one statistics implementation
behind both the translation and the classification summaries.

Input: one ArmScore per seed and arm (validation and test score on the table's scale, and
optionally the per-item statistics of the test score). Output: the arms validation picks
(best mean validation score over seeds, the earliest iteration on a tie), and for each
comparison the seed-level result (ielearn.inference.seed_tests) with its decision inside its
family (ielearn.inference.answers: the primary comparisons the design declares, Holm within
them; every other comparison exploratory, Holm within those), and the per-seed approximate
randomization diagnostics, Holm-corrected within each seed.
"""

import math
import statistics
from dataclasses import dataclass, field

import numpy as np

from ielearn.inference.answers import ALPHA, decide_family
from ielearn.inference.holm import holm
from ielearn.inference.item_tests import randomization_test
from ielearn.inference.seed_tests import item_spread, seed_level
from ielearn.inference.settings import Settings

SIGNIFICANCE_LEVEL = ALPHA
PRIMARY, EXPLORATORY = "primary", "exploratory"


def is_significant(p_holm):
    """The rule every table and verdict applies: Holm-corrected p below SIGNIFICANCE_LEVEL
    (nan, no test, is never significant)."""
    return p_holm < SIGNIFICANCE_LEVEL


@dataclass
class ArmScore:
    seed: int
    arm: object  # ielearn.design.Arm
    valid: float
    test: float
    items: np.ndarray | None = None  # per-item statistics of the test score (scorer's format)


@dataclass
class PerSeed:
    seed: int
    delta: float
    p: float  # approximate randomization over test items; nan without per-item statistics
    p_holm: float = math.nan


@dataclass
class Result:
    comparison: object  # ielearn.design.Comparison
    seed_level: object  # ielearn.inference.seed_tests.SeedLevel
    per_seed: list = field(default_factory=list)
    decision: object = None  # ielearn.inference.answers.Decision, within the comparison's family

    @property
    def p_holm(self):
        return self.decision.p_holm if self.decision else math.nan

    @property
    def significant(self):
        return is_significant(self.p_holm)


@dataclass
class Inference:
    picks: dict  # {system: the Arm validation picks}
    results: list  # [Result], the design's comparisons then the picked ones

    def find(self, arm, against):
        return next((r for r in self.results if (r.comparison.arm, r.comparison.against) == (arm, against)), None)

    def family(self, name):
        return [r for r in self.results if r.decision and r.decision.family == name]


def picked_arms(design, scores):
    """{system: Arm with the best mean validation score among the system's candidates}."""
    by_arm = {}
    for score in scores:
        by_arm.setdefault(score.arm, []).append(score.valid)
    picks = {}
    for system in (*design.mains, *design.controls, *design.chained_controls):
        candidates = [arm for arm in design.candidates(system) if arm in by_arm]
        if candidates:  # ties: max keeps the first, the earliest iteration
            picks[system] = max(candidates, key=lambda arm: statistics.fmean(by_arm[arm]))
    return picks


def compare_arms(a, b, scorer=None, settings=Settings()):
    """a, b: {seed: ArmScore} of two arms → Result (without the comparison and its decision)."""
    seeds = [s for s in a if s in b]
    deltas = [a[s].test - b[s].test for s in seeds]
    with_items = scorer is not None and all(a[s].items is not None and b[s].items is not None for s in seeds)
    spread = None
    if with_items and len(seeds) > 1:
        spread = item_spread(scorer, deltas, [a[s].items for s in seeds], [b[s].items for s in seeds])
    per_seed = []
    for s, delta in zip(seeds, deltas):
        p = (randomization_test(scorer, a[s].items, b[s].items, settings.trials, settings.seed)[1]
             if with_items else math.nan)
        per_seed.append(PerSeed(s, delta, p))
    return Result(None, seed_level(deltas, spread), per_seed)


def infer(design, scores, scorer=None, settings=Settings()):
    """Picks and every comparison (see the module docstring)."""
    by_arm = {}
    for score in scores:
        by_arm.setdefault(score.arm, {})[score.seed] = score
    picks = picked_arms(design, scores)
    comparisons = design.comparisons() + design.picked_comparisons(picks)
    results = []
    for comparison in comparisons:
        if comparison.arm in by_arm and comparison.against in by_arm:
            result = compare_arms(by_arm[comparison.arm], by_arm[comparison.against], scorer, settings)
            result.comparison = comparison
            results.append(result)
    families = {}
    for result in results:
        c = result.comparison
        families.setdefault(PRIMARY if design.is_primary(c.arm, c.against) else EXPLORATORY, []).append(result)
    for name, members in families.items():
        decide(members, name, settings.margin)
    adjust_per_seed(results, design.seeds)
    return Inference(picks, results)


def decide(results, family, margin):
    """Each result's decision within `family` (Holm over its members)."""
    for result, decision in zip(results, decide_family([r.seed_level for r in results], family, margin)):
        result.decision = decision


def adjust_per_seed(results, seeds):
    """Holm over each seed's diagnostics."""
    for s in seeds:
        diagnostics = [d for r in results for d in r.per_seed if d.seed == s]
        for diagnostic, adjusted in zip(diagnostics, holm([d.p for d in diagnostics])):
            diagnostic.p_holm = adjusted
