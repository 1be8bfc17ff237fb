"""The answer in words, for translation and classification alike.

First the primary question, declared before the run (ielearn.design: by default each main
system at iteration 1 against each control at iteration 1): each of its comparisons ends in
one of four answers (ielearn.inference.answers) — gain shown, loss shown, equivalent within
±margin, or inconclusive with the range the family's interval allows and the minimum
detectable effect — and, where the seeds cannot settle it, how many would (the power command,
`python -m ielearn.power`). Then the regime check (ielearn/inference/regime.py). Everything
after that is exploratory, labelled so and corrected only within its own family: each main
system against the baseline, at iteration 1 and at its validation pick, each other trained
system (classification: SCC, IMPACTX) against the baseline, its variants and `none`. A comparison that did not run
is never mentioned; no sentence reads a missing test as a missing effect.
"""

import math

from ielearn.aggregate import format_mean_sd, mean_sd
from ielearn import systems
from ielearn.design import Arm, method_of
from ielearn.inference.answers import ALPHA, INCONCLUSIVE
from ielearn.inference.compare import EXPLORATORY, PRIMARY
from ielearn.inference.regime import regime_check


# below this many seeds the simulated false-positive rate of the seeds + items test exceeded
# its band under a per-item null (tests/test_calibration.py, docs/statistics.md)
FEW_SEEDS, FEW_SEEDS_RATE = 5, "9 %"


def _number(value):
    return "n/a" if math.isnan(value) else f"{value:.2g}" if value < 0.001 else f"{value:.3f}"


def describe_numbers(delta, ci_low, ci_high, p_holm, note, words):
    """'Δ = -2.19 [-3.05, -1.33], p = 0.012: loss shown' (nan CI: no interval; nan p:
    'no test (<note>)'); words: the answer."""
    interval = "" if math.isnan(ci_low) else f" [{ci_low:+.2f}, {ci_high:+.2f}]"
    if math.isnan(p_holm):
        return f"Δ = {delta:+.2f}{interval}: no test ({note})"
    return f"Δ = {delta:+.2f}{interval}, p = {_number(p_holm)}: {words}"


def describe(result):
    """One Result: Δ, its 95 % CI, the family-corrected p and the answer."""
    level = result.seed_level
    return describe_numbers(level.mean, level.ci_low, level.ci_high, result.p_holm, level.note,
                            result.decision.words())


def _line(inference, arm, against, name):
    result = inference.find(arm, against)
    return f"  vs {name}: " + (describe(result) if result else "not compared (no scores)")


def _seeds_of(result):
    return f"{result.seed_level.seeds} seed(s)"


def _primary_lines(design, inference, metric, margin):
    members = inference.family(PRIMARY)
    if not design.primary:
        return [f"primary question: {NONE_DECLARED}"]
    if not members:
        return ["primary question: none of its comparisons has scores yet"]
    tested = sum(r.seed_level.tested for r in members)
    lines = [f"primary question (declared before the run, config significance.primary): {len(members)} "
             f"comparison(s), Δ = system − other in test {metric}, Holm-corrected within this family "
             f"({tested} tested); equivalence margin ±{margin:g}; [95 % CI of the one comparison], "
             "answer from the family's corrected tests:"]
    for result in members:
        c = result.comparison
        lines.append(f"  {c.arm.label} vs {c.against.label} ({_seeds_of(result)}): {describe(result)}")
    few = sorted({r.seed_level.seeds for r in members if r.seed_level.tested and r.seed_level.seeds < FEW_SEEDS
                  and r.seed_level.ci_method == "seeds+items"})
    if few:
        lines.append(f"  caution: with {few[0]} seed(s) these tests are approximate: in simulation they rejected up "
                     f"to {FEW_SEEDS_RATE} of true nulls below {FEW_SEEDS} seeds (docs/statistics.md)")
    open_questions = [r for r in members if r.decision.answer == INCONCLUSIVE]
    if open_questions:
        lines.append("  inconclusive means the seeds that ran cannot tell: `python -m ielearn.power <results dir> "
                     "--target <Δ>` says how many seeds would")
    return lines


# an experiment without controls (and no significance.primary) has no comparison of its own to
# declare: its question, if any, is one across runs (gettext_positions against gettext)
NONE_DECLARED = ("none inside this run (it has no controls, and config significance.primary names no "
                 "comparison); a question two runs answer together is asked with python -m ielearn.compare_runs")


def closing_answer(design, inference):
    """The last line: each primary comparison's answer, grouped by the system it judges."""
    if not design.primary:
        return "answer to the primary question: none was declared in this run"
    by_arm = {}
    for result in inference.family(PRIMARY):
        by_arm.setdefault(result.comparison.arm, []).append(result)
    if not by_arm:
        return "answer to the primary question: no primary comparison has scores"
    parts = [f"{arm.label}: " + ", ".join(f"vs {r.comparison.against.label} {r.decision.answer}" for r in results)
             for arm, results in by_arm.items()]
    return "answer to the primary question: " + "; ".join(parts)


def _exploratory_header(inference):
    members = inference.family(EXPLORATORY)
    tested = sum(r.seed_level.tested for r in members)
    return [f"exploratory (not the primary question; Holm within these {tested} tested comparisons; "
            "a hint for the next experiment, not a claim):"]


def _control_lines(design, inference, arm, control, picked):
    """Against the control of the arm's chain at the same iteration (unless that is a primary
    comparison, stated above), and (for the picked arm) at the control's own pick if that
    differs."""
    same, name = design.against(arm, control), design.controls_of(arm.system).get(control)
    lines = []
    if name is None:
        return lines
    if same and not design.is_primary(arm, same):
        lines.append(_line(inference, arm, same, f"{name} at iteration {arm.iteration}"))
    own = inference.picks.get(name)
    if picked and own is not None and own != same:
        lines.append(_line(inference, arm, own, f"{name} at its own validation pick, iteration {own.iteration}"))
    return lines


def _trained_words(design, system):
    """How a trained system was made, as the verdict names it: a method with variants is a
    different model, whose gain over the baseline may be its extra capacity."""
    variants = design.variants_of(system)
    if not variants:
        return "trained from the pretrained encoder"
    roles = "; ".join(f"{v}: {systems.system(method_of(v)[1]).role}" for v in variants)
    return (f"trained from the pretrained encoder; a different model, with an architecture of its own, so a "
            f"difference from the baseline may be extra capacity, not what it learns from; its controls have the "
            f"same architecture and budget ({roles})")


def _trained_lines(design, inference, test_scores, metric):
    """Each other system trained from the pretrained encoder (SCC, IMPACTX): against the
    baseline, its variants, `none` at iteration 1 and each main system at its pick (those
    not stated in the primary question)."""
    lines = []
    for system in design.trained:
        arm = Arm(system, 0)
        if arm not in test_scores:
            continue
        lines.append(f"{system} ({_trained_words(design, system)}): test {metric} {_mean_sd(test_scores[arm])}")
        for other, name in ((design.baseline, "baseline"), *((Arm(v, 0), v) for v in design.variants_of(system))):
            if not design.is_primary(arm, other):
                lines.append(_line(inference, arm, other, name))
        for control in design.controls:
            other = design.against(arm, control)
            if other is not None:
                lines.append(_line(inference, arm, other, f"{control} at iteration {other.iteration}"))
        for main in (m for m in design.mains if design.start_of(m) != system):  # not its own chain
            picked = inference.picks.get(main)
            if picked not in (None, design.baseline, arm):
                name = f"{main} at its validation pick, iteration {picked.iteration}"
                lines.append(_line(inference, arm, picked, name))
    return lines


def _chain_words(design, main):
    """How iteration 1 of a main system was trained, as the verdict names it."""
    start = design.start_of(main)
    if start is None:
        if not design.controls_of(main):
            return "fine-tuned from the baseline with its words appended; this run has no control"
        return "the same extra training as every control"
    controls = ", ".join(design.controls_of(main).values())
    # a method that learns a teacher's maps has none for x' (IMPACTX): its fine-tunes take cross entropy
    loss = "cross entropy (no teacher explained x')" if systems.system(start).teacher else "its own loss"
    if not controls:
        return (f"a different model: {start}'s model 0 fine-tuned on its own words with {loss}; no control of "
                "its own ran, so its words are compared only with its start and the baseline")
    return (f"a different model: {start}'s model 0 fine-tuned on its own words with {loss}; its controls "
            f"({controls}) are the same model, loss and budget with other words")


def _main_lines(design, inference, test_scores, metric, main):
    lines = []
    first = Arm(main, 1)
    if first in test_scores:
        lines.append(f"{main}, iteration 1 ({_chain_words(design, main)}): "
                     f"test {metric} {_mean_sd(test_scores[first])}")
        lines.append(_line(inference, first, design.baseline, "baseline"))
        if design.start_of(main) is not None:
            lines.append(_line(inference, first, Arm(main, 0), f"its own start, {main}/0"))
        for control in design.controls:
            lines += _control_lines(design, inference, first, control, first == inference.picks.get(main))
    picked = inference.picks.get(main)
    if picked is None:
        return lines
    if picked == design.baseline:
        lines.append(f"{main}: validation picks the baseline (its mean validation {metric} is the highest of "
                     f"{main}'s candidates)")
    elif picked.iteration == 0:
        lines.append(f"{main}: validation picks its own start, {picked.label} (its mean validation {metric} is the "
                     f"highest of {main}'s candidates)")
    elif picked != first:
        lines.append(f"{main}, iteration {picked.iteration} (picked by validation {metric}): "
                     f"test {metric} {_mean_sd(test_scores[picked])}")
        lines.append(_line(inference, picked, design.baseline, "baseline"))
        for control in design.controls:
            lines += _control_lines(design, inference, picked, control, True)
            if design.against(picked, control) is None and design.controls_of(main):
                lines.append(f"  ({control} ran only to iteration {design.control_depth}: a gain at iteration "
                             f"{picked.iteration} cannot be credited to the words)")
    return lines


def verdict(design, inference, test_scores, metric, margin):
    """test_scores: {Arm: [per-seed test scores]}; metric: 'BLEU', 'accuracy', ...; margin: the
    equivalence margin."""
    seeds = len(test_scores[design.baseline])
    lines = [f"{seeds} seed(s) of the baseline; each comparison names the seeds it used. Δ = system − other, "
             f"mean over seeds; the 95 % CI and p carry the seed-to-seed noise and, where the per-item records "
             f"are known, the test-item noise all seeds share (docs/statistics.md); answers: gain shown / loss shown (corrected p < {ALPHA}), equivalent "
             f"within ±margin (two one-sided tests), or inconclusive"]
    lines += _primary_lines(design, inference, metric, margin)
    lines.append(f"baseline: test {metric} {_mean_sd(test_scores[design.baseline])}")
    lines += regime_check(design, inference, metric)
    lines += _exploratory_header(inference)
    lines += _trained_lines(design, inference, test_scores, metric)
    for main in design.mains:
        lines += _main_lines(design, inference, test_scores, metric, main)
    lines.append(closing_answer(design, inference))
    return "\n".join(lines) + "\n"


def _mean_sd(values):
    return format_mean_sd(*mean_sd(values))
