"""The regime check (docs/statistics.md, "The regime check"; docs/pipeline.md, "The fine-tuning
regime"), a line of the verdict of both halves.

A comparison of arms means something only if continued training on the unchanged input (the
`none` control) does not lose against the baseline. When `none` ends, at iteration 1 or at
its own validation pick, below the baseline by more than the baseline's seed-to-seed sd of
test scores, a warning says that the fine-tune regime loses what the baseline had. With one
seed that sd is unknown: a `none` below the baseline is then reported with its difference as
something that cannot be judged (neither a warning nor an all-clear).
"""

import math

from ielearn.aggregate import mean_sd
from ielearn.design import NOTHING


def regime_check(design, inference, test_scores, metric):
    """Lines on `none` against the baseline at iteration 1 and at none's validation pick (see
    the module docstring); none when `none` did not run or does not end lower."""
    base_mean, base_sd = mean_sd(test_scores[design.baseline])
    arms = (design.control_arm(NOTHING, 1), inference.picks.get(NOTHING)) if NOTHING in design.controls else ()
    lines = []
    for arm in dict.fromkeys(a for a in arms if a in test_scores):
        drop = base_mean - mean_sd(test_scores[arm])[0]
        where = f"none at iteration {arm.iteration}" + (
            " (its validation pick)" if arm == inference.picks.get(NOTHING) else "")
        if drop <= 0:
            continue
        if math.isnan(base_sd):
            lines.append(f"regime check: {where} ends {drop:.2f} test {metric} below the baseline; with one "
                         "seed the seed-to-seed sd is unknown, so whether the fine-tune regime loses what the "
                         "baseline had cannot be judged")
        elif drop > base_sd:
            lines.append(f"warning: the fine-tune regime loses what the baseline had: {where} ends {drop:.2f} "
                         f"test {metric} below the baseline, more than the baseline's seed-to-seed sd "
                         f"({base_sd:.2f}). Continued training on the unchanged input scores lower than the "
                         "baseline, so comparisons inside this regime say little about the words")
    return lines
