"""The answer in words, for translation and classification alike.

Every sentence follows from the Holm-corrected seed-level tests only, and every comparison
states its direction. Each main system is reported at iteration 1 (the same extra training
as every control) and at its own validation pick, where it is compared with each control at
the same iteration (where the control ran that far) and with each control at the control's
own validation pick. A comparison that did not run is never mentioned; a gain at an
iteration no control reached is not credited, and the verdict line says why.
Right below the baseline's line comes the regime check (ielearn/inference/regime.py), then
each other system trained from the pretrained encoder (classification: SCC), compared with
the baseline, with `none` at iteration 1 and with each main system at its pick.
"""

import math

from ielearn.aggregate import format_mean_sd, mean_sd
from ielearn.design import Arm
from ielearn.inference.compare import SIGNIFICANCE_LEVEL, is_significant
from ielearn.inference.regime import regime_check


def _number(value):
    return "n/a" if math.isnan(value) else f"{value:.2g}" if value < 0.001 else f"{value:.3f}"


def describe_numbers(delta, ci_low, ci_high, p_holm, note, words=None):
    """'Δ = -2.19 [-3.05, -1.33], p = 0.012: lower, significant' (nan CI: no interval; nan p:
    'no test (<note>)'). words: the direction, where delta is rounded (a table's cell)."""
    interval = "" if math.isnan(ci_low) else f" [{ci_low:+.2f}, {ci_high:+.2f}]"
    words = words or ("higher" if delta > 0 else "lower" if delta < 0 else "equal")
    if math.isnan(p_holm):
        judgement = f"no test ({note})"
    else:
        judgement = "significant" if is_significant(p_holm) else "not significant"
    return f"Δ = {delta:+.2f}{interval}, p = {_number(p_holm)}: {words}, {judgement}"


def describe(result):
    """describe_numbers of one Result (its seed level and Holm-corrected p)."""
    level = result.seed_level
    return describe_numbers(level.mean, level.ci_low, level.ci_high, result.p_holm, level.note)


def _line(inference, arm, against, name):
    result = inference.find(arm, against)
    return f"  vs {name}: " + (describe(result) if result else "not compared (no scores)")


def _control_lines(design, inference, arm, control, picked):
    """Against the control at the same iteration, and (for the picked arm) at the control's own
    pick if that differs."""
    same = design.control_arm(control, arm.iteration)
    lines = [_line(inference, arm, same, f"{control} at iteration {arm.iteration}")] if same else []
    own = inference.picks.get(control)
    if picked and own is not None and own != same:
        lines.append(_line(inference, arm, own, f"{control} at its own validation pick, iteration {own.iteration}"))
    return lines


def _outcome(design, inference, main, arm):
    """The verdict on the main system at its picked arm (not the baseline)."""
    base = inference.find(arm, design.baseline)
    if base is None or math.isnan(base.p_holm):
        return f"{main} words: no seed-level test is possible here (one seed, or no variation); nothing is claimed"
    if not base.significant:
        return f"{main} words are not significantly different from the baseline"
    if base.seed_level.mean < 0:
        return f"{main} words are significantly below the baseline"
    problems = []
    for control in design.controls:
        same = design.control_arm(control, arm.iteration)
        if same is None:
            problems.append(f"the {control} control ran only to iteration {design.control_depth}, "
                            f"not to {arm.iteration}")
        for against in dict.fromkeys(a for a in (same, inference.picks.get(control)) if a is not None):
            result = inference.find(arm, against)
            if result is None or not result.significant or result.seed_level.mean <= 0:
                problems.append(f"not significantly above {control} at iteration {against.iteration}")
    if problems:
        return (f"{main} words beat the baseline significantly, but the gain cannot be credited to "
                f"the explanations: {'; '.join(problems)}")
    return f"{main} words beat the baseline and every control significantly"


def _trained_lines(design, inference, test_scores, metric):
    """Each other system trained from the pretrained encoder (SCC): against the baseline, `none`
    at iteration 1 and each main system at its pick, and its verdict."""
    lines = []
    for system in design.trained:
        arm = Arm(system, 0)
        if arm not in test_scores:
            continue
        lines.append(f"{system} (trained from the pretrained encoder): test {metric} {_mean_sd(test_scores[arm])}")
        lines.append(_line(inference, arm, design.baseline, "baseline"))
        for control in design.controls:
            other = design.against(arm, control)
            if other is not None:
                lines.append(_line(inference, arm, other, f"{control} at iteration {other.iteration}"))
        for main in design.mains:
            picked = inference.picks.get(main)
            if picked not in (None, design.baseline, arm):
                name = f"{main} at its validation pick, iteration {picked.iteration}"
                lines.append(_line(inference, arm, picked, name))
        lines.append(f"verdict ({system} training): {_trained_outcome(design, inference, system, arm)}")
    return lines


def _trained_outcome(design, inference, system, arm):
    base = inference.find(arm, design.baseline)
    if base is None or math.isnan(base.p_holm):
        return "no seed-level test is possible here (one seed, or no variation); nothing is claimed"
    if not base.significant:
        return "not significantly different from the baseline"
    if base.seed_level.mean < 0:
        return "significantly below the baseline"
    other = design.against(arm, "none")
    longer = inference.find(arm, other) if other is not None else None
    if longer is None:
        return "significantly above the baseline; no `none` control ran, so longer training may explain it"
    if not longer.significant or longer.seed_level.mean <= 0:
        return "significantly above the baseline, but not significantly above none at iteration 1 (more training)"
    return "significantly above the baseline and above none at iteration 1"


def verdict(design, inference, test_scores, metric):
    """test_scores: {Arm: [per-seed test scores]}; metric: 'BLEU', 'accuracy', ..."""
    tested = sum(not math.isnan(r.seed_level.p) for r in inference.results)
    seeds = len(test_scores[design.baseline])
    lines = [f"{seeds} seed(s). Δ = system − other, test {metric}, mean over seeds [95 % CI of that one comparison]; "
             f"p: paired t-test over seeds, Holm-corrected over the {tested} tested comparisons of the "
             f"table; significant: p < {SIGNIFICANCE_LEVEL}",
             f"baseline: test {metric} {_mean_sd(test_scores[design.baseline])}"]
    lines += regime_check(design, inference, test_scores, metric)
    lines += _trained_lines(design, inference, test_scores, metric)
    for main in design.mains:
        first = Arm(main, 1)
        if first in test_scores:
            lines.append(f"{main}, iteration 1 (the same extra training as every control): "
                         f"test {metric} {_mean_sd(test_scores[first])}")
            lines.append(_line(inference, first, design.baseline, "baseline"))
            for control in design.controls:
                lines += _control_lines(design, inference, first, control, first == inference.picks.get(main))
        picked = inference.picks.get(main)
        if picked is None:
            continue
        if picked == design.baseline:
            lines.append(f"verdict ({main}): validation picks the baseline; fine-tuning with {main} words "
                         f"did not improve validation {metric}")
            continue
        if picked != first:
            lines.append(f"{main}, iteration {picked.iteration} (picked by validation {metric}): "
                         f"test {metric} {_mean_sd(test_scores[picked])}")
            lines.append(_line(inference, picked, design.baseline, "baseline"))
            for control in design.controls:
                lines += _control_lines(design, inference, picked, control, True)
        lines.append(f"verdict ({main}, iteration {picked.iteration}): {_outcome(design, inference, main, picked)}")
    return "\n".join(lines) + "\n"


def _mean_sd(values):
    return format_mean_sd(*mean_sd(values))
