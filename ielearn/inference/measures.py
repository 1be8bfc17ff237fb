"""Measures that are a mean over test items (explanation quality, faithfulness), per seed,
summarised and compared over seeds with the same statistics as the scores' tables.

A measure of one arm in one seed is the mean of its per-item values (already on the table's
scale). It is an additive scorer over [value, 1] rows (ielearn/inference/scorers.py), so the
CI over seeds and test items and the per-seed approximate randomization of
ielearn.inference.compare apply unchanged.

A measure with bounds (post-hoc accuracy in [0, 100], AOPCs in [−100, 100]) gets its mean's
CI over seeds on the logit scale of its range, back-transformed, so the interval stays inside
the range (a t-interval of 99.1 ± 1.3 would not).
"""

import math
from dataclasses import dataclass

import numpy as np
import scipy

from ielearn.inference.compare import ArmScore, Inference, adjust_per_seed, compare_arms, decide
from ielearn.inference.scorers import AdditiveScorer, accuracy_items
from ielearn.inference.seed_tests import seed_level
from ielearn.inference.settings import Settings
from ielearn.inference.tables import COMPARISON_COLUMNS, PER_SEED_COLUMNS, comparison_rows, per_seed_rows, write_tsv
from ielearn.io import atomic_write

MEAN = AdditiveScorer(lambda sums: sums[..., 0] / sums[..., 1])  # items: [value, 1]
ONE_SEED = "one seed: no CI and no seed-level test (list more seeds)"


def item_score(seed, arm, values):
    """An ArmScore whose test score is mean(values), with the values as its items."""
    items = accuracy_items(values)
    return ArmScore(seed, arm, math.nan, MEAN.score(items), items)


# how close to a bound a seed's mean is taken on the logit scale (a fraction of the range)
EDGE = 1e-4


@dataclass(frozen=True)
class MeanCI:
    mean: float
    ci_low: float
    ci_high: float


def mean_ci(values, bounds=None):
    """The mean of per-seed values and its 95 % CI over seeds: a t-interval, or with `bounds`
    (low, high) a t-interval on the logit scale of the range, back-transformed (nan CI: one
    seed, or the same value in every seed)."""
    level = seed_level(values)
    if bounds is None or not level.tested:
        return MeanCI(level.mean, level.ci_low, level.ci_high)
    low, high = bounds
    fractions = np.clip((np.asarray(values, dtype=float) - low) / (high - low), EDGE, 1 - EDGE)
    logits = seed_level(scipy.special.logit(fractions))
    if not logits.tested:
        return MeanCI(level.mean, math.nan, math.nan)
    back = low + (high - low) * scipy.special.expit([logits.ci_low, logits.ci_high])
    return MeanCI(level.mean, float(back[0]), float(back[1]))


def format_mean_ci(level):
    """'12.34 [10.20, 14.48]': the mean over seeds and its 95 % CI, or the mean alone when the
    CI cannot be computed (one seed, or the same value in every seed)."""
    if math.isnan(level.ci_low):
        return f"{level.mean:.2f}"
    return f"{level.mean:.2f} [{level.ci_low:.2f}, {level.ci_high:.2f}]"


def _number(value):
    return "NA" if math.isnan(value) else f"{value:.2f}"


def write_measure_tables(runs, keys, measures, headlines, per_seed_path, summary_path, bounds=None):
    """runs: dicts with `seed`, the `keys` columns and `items` ({measure: per-item values}).
    Per seed: every measure's mean. Summary, one row per distinct `keys`: each measure's mean
    over seeds with its 95 % CI ("mean [low, high]"), the `headlines` also as numbers.
    bounds: measure -> (low, high) for the measures with a range (see the module docstring)."""
    bounds = bounds or {}
    with atomic_write(per_seed_path) as out:
        out.write("\t".join(["seed", *keys, "items", *measures]) + "\n")
        for run in runs:
            first = run["items"][measures[0]]
            cells = [f"{float(np.mean(run['items'][m])):.2f}" for m in measures]
            out.write("\t".join([str(run["seed"]), *[str(run[k]) for k in keys], str(len(first)), *cells]) + "\n")
    groups = {}
    for run in runs:
        groups.setdefault(tuple(str(run[k]) for k in keys), []).append(run)
    header = ["seeds", *[f"{m}{suffix}" for m in headlines for suffix in ("_mean", "_ci_low", "_ci_high")]]
    with atomic_write(summary_path) as out:
        out.write("\t".join([*keys, *header, *measures, "note"]) + "\n")
        for key, group in groups.items():
            levels = {m: mean_ci([float(np.mean(run["items"][m])) for run in group], bounds.get(m))
                      for m in measures}
            numbers = [_number(getattr(levels[m], field)) for m in headlines for field in ("mean", "ci_low", "ci_high")]
            note = ONE_SEED if len(group) < 2 else ""
            out.write("\t".join([*key, str(len(group)), *numbers, *[format_mean_ci(levels[m]) for m in measures],
                                 note]) + "\n")


QUALITY = "quality"  # the family of a measure table's comparisons


def compare_measures(comparisons, scores, seeds, settings=Settings(), family=QUALITY):
    """comparisons: [(measure, ielearn.design.Comparison)]; scores: {(measure, arm): {seed:
    ArmScore}} → [(measure, Result)], Holm-corrected over all of them (seed level: one family,
    named `family`) and within each seed (the diagnostics)."""
    done = []
    for measure, comparison in comparisons:
        a, b = scores.get((measure, comparison.arm)), scores.get((measure, comparison.against))
        if a and b:
            result = compare_arms(a, b, MEAN, settings)
            result.comparison = comparison
            done.append((measure, result))
    decide([result for _, result in done], family, settings.margin)
    adjust_per_seed([result for _, result in done], seeds)
    return done


def write_measure_comparisons(done, path, per_seed_path, renamed=None):
    """The comparison tables of ielearn/inference/tables.py with a first column `measure`;
    `renamed`: {column: its name here} (what an arm's `iteration` means in the table)."""
    renamed = renamed or {}
    for out, columns, rows_of in ((path, COMPARISON_COLUMNS, comparison_rows),
                                  (per_seed_path, PER_SEED_COLUMNS, per_seed_rows)):
        rows = [{"measure": measure, **{renamed.get(k, k): v for k, v in row.items()}}
                for measure, result in done for row in rows_of(Inference({}, [result]))]
        write_tsv(out, ["measure", *(renamed.get(c, c) for c in columns)], rows)
