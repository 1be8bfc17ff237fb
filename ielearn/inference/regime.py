"""The regime check (docs/statistics.md, "The regime check"; docs/pipeline.md, "The fine-tuning
regime"), a line of the verdict of both halves.

A comparison of arms means something only if continued training on the unchanged input (the
`none` control) does not lose against the baseline. The check is the paired comparison
`none` − baseline, at iteration 1 and at none's validation pick, read on its own (uncorrected:
a check should be quick to warn) with the experiment's equivalence margin:
- loss shown: a warning — the fine-tune regime loses what the baseline had;
- equivalent within ±margin: the regime keeps what the baseline had;
- gain shown: it keeps it and adds to it, so continued training alone beats the baseline and
  only the controls, not the baseline, separate the words from the extra training;
- inconclusive: said so, with the range the CI allows; neither a warning nor an all-clear.
"""

from ielearn.design import NOTHING
from ielearn.inference.answers import EQUIVALENT, GAIN, LOSS, NO_TEST, decide_alone


def regime_check(design, inference, metric):
    """Lines on `none` − baseline at iteration 1 and at none's validation pick (see the module
    docstring); none when `none` did not run."""
    arms = (design.control_arm(NOTHING, 1), inference.picks.get(NOTHING)) if NOTHING in design.controls else ()
    lines = []
    for arm in dict.fromkeys(a for a in arms if a is not None):
        result = inference.find(arm, design.baseline)
        if result is None:
            continue
        level = result.seed_level
        decision = decide_alone(level, result.decision.margin)
        where = f"{NOTHING} at iteration {arm.iteration}" + (
            " (its validation pick)" if arm == inference.picks.get(NOTHING) else "")
        numbers = (f"Δ = {level.mean:+.2f}" if decision.answer == NO_TEST else
                   f"Δ = {level.mean:+.2f} [{level.ci_low:+.2f}, {level.ci_high:+.2f}], p = {level.p:.3g}")
        head = f"regime check, {where} − baseline, test {metric} ({level.seeds} seed(s), uncorrected): {numbers}: "
        if decision.answer == LOSS:
            lines.append("warning: " + head + "loss shown. Continued training on the unchanged input scores lower "
                         "than the baseline, so comparisons inside this regime say little about the words")
        elif decision.answer == EQUIVALENT:
            lines.append(head + decision.words() + ": the fine-tune regime keeps what the baseline had")
        elif decision.answer == GAIN:
            lines.append(head + decision.words() + ": the fine-tune regime keeps what the baseline had and adds to "
                         "it, so a comparison with the baseline credits the extra training; the controls separate the words")
        elif decision.answer == NO_TEST:
            lines.append(head + f"no test ({level.note}): whether the regime keeps what the baseline had "
                         "cannot be judged")
        else:
            low, high = decision.interval
            lines.append(head + f"inconclusive (the CI allows from {low:+.2f} to {high:+.2f}): whether the "
                         "regime keeps what the baseline had is not settled")
    return lines
