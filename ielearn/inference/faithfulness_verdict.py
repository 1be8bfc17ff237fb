"""Which explainers' words are faithful, and whether faithfulness goes with a gain: in words,
for translation and classification alike, from the rows of two comparison tables only.

- Faithfulness: each explainer's words against the floor (words drawn at random) on each
  headline measure, read in that measure's direction (sufficiency: lower is more faithful).
- Gain: the test score of the model trained with those words against `none` (continued
  training without words) and against the random control's words, at the same iteration.
- A closing line per iteration: which explainers are shown faithful beyond the floor, which
  gain over `none`, whether the two go together, and (descriptive, no test) whether the order
  of the explainers by the first measure matches their order by the gain.
Significance is the accuracy verdict's rule (ielearn.inference.compare.is_significant on the
Holm-corrected p); a comparison absent from the tables is never mentioned. The adapters
(ielearn/classify/quality_verdict.py, ielearn/nmt/faithfulness_verdict.py) turn their tables'
rows into Contrast and Gain records.
"""

import math
from dataclasses import dataclass, replace

from ielearn.design import NOTHING, control_of
from ielearn.inference.answers import GAIN, LOSS, Decision
from ielearn.inference.compare import SIGNIFICANCE_LEVEL, is_significant
from ielearn.inference.verdict import describe_numbers
from ielearn.systems import RANDOM  # the floor of faithfulness and the control of random words


@dataclass(frozen=True)
class Measure:
    name: str  # the comparison table's `measure`
    words: str  # how the text names it
    higher_is_faithful: bool


SIGNS = {"higher": 1, "lower": -1, "equal": 0}


@dataclass(frozen=True)
class Numbers:
    """One comparison's seed-level result, as its table row holds it (nan: empty cell).
    sign: of the unrounded Δ (the table's `direction`): a Δ of -0.004 is '-0.00' in a cell.
    decision: the row's answer within its family (ielearn.inference.answers), None in a table
    written before the answers existed."""
    delta: float
    ci_low: float
    ci_high: float
    p_holm: float
    note: str
    seeds: int
    sign: int
    decision: Decision | None = None

    @classmethod
    def of_row(cls, row):
        def number(key):
            return float(row[key]) if row.get(key, "") not in ("", "NA") else math.nan
        delta = number("delta")
        sign = SIGNS.get(row.get("direction", ""), (delta > 0) - (delta < 0))
        decision = None
        if row.get("answer"):
            decision = Decision(row.get("family", ""), number("p_holm"), (number("sim_ci_low"), number("sim_ci_high")),
                                number("p_tost"), number("p_tost_holm"), number("margin"), number("mde"),
                                row["answer"])
        return cls(delta, number("ci_low"), number("ci_high"), number("p_holm"), row.get("note", ""),
                   int(row["seeds"]), sign, decision)

    def negated(self):
        """The same comparison the other way round (B − A)."""
        decision = self.decision and replace(
            self.decision, interval=(-self.decision.interval[1], -self.decision.interval[0]),
            answer={GAIN: LOSS, LOSS: GAIN}.get(self.decision.answer, self.decision.answer))
        return Numbers(-self.delta, -self.ci_high, -self.ci_low, self.p_holm, self.note, self.seeds, -self.sign,
                       decision)

    @property
    def direction(self):
        return {value: word for word, value in SIGNS.items()}[self.sign]

    @property
    def tested(self):
        return not math.isnan(self.p_holm)

    def describe(self, shown=None):
        """Δ, CI, p and the answer; shown: what 'gain shown' / 'loss shown' read as here
        (a measure: ('higher shown', 'lower shown'))."""
        words = self.direction
        if self.decision:
            words = self.decision.words()
            if shown and self.decision.answer in (GAIN, LOSS):
                words = shown[self.decision.answer == LOSS]
        return describe_numbers(self.delta, self.ci_low, self.ci_high, self.p_holm, self.note, words)


@dataclass(frozen=True)
class Contrast:
    """An explainer's words (those iteration `iteration` appends) against the floor on one
    measure: Δ = explainer − floor."""
    explainer: str
    iteration: int
    measure: Measure
    numbers: Numbers
    different_models: bool = False  # the two explain different models ('same iteration')


@dataclass(frozen=True)
class Gain:
    """The test score with an explainer's words against a control's, at `iteration`."""
    explainer: str
    iteration: int
    against: str  # `none` or `random` of the explainer's own chain (SCC's: none@scc, random@scc)
    numbers: Numbers

    @property
    def control(self):
        return control_of(self.against)


@dataclass(frozen=True)
class Wording:
    """What one half calls things: the test metric, the floor, the two tables, and the model
    whose words a (explainer, iteration) contrast rates."""
    metric: str
    floor: str  # 'random words'
    faithfulness_file: str
    gain_file: str
    chosen_by: object  # (explainer, iteration) -> 'the baseline'


def gains_of(rows, explainers):
    """Gain records of a comparison table's rows: each explainer against `none` and `random`
    of its own chain (SCC's: none@scc, random@scc) at the same iteration (the rows that exist)."""
    return [Gain(row["system"], int(row["iteration"]), row["against"], Numbers.of_row(row))
            for row in rows
            if row["system"] in explainers and control_of(row["against"]) in (NOTHING, RANDOM)
            and row["iteration"] == row["against_iteration"]]


def shown_sign(numbers):
    """What a comparison shows: +1 or -1, a significant Δ of that sign; 0, tested but nothing
    shown (or no difference); None, no test."""
    if not numbers.tested:
        return None
    return numbers.sign if is_significant(numbers.p_holm) else 0


def faithful_sign(contrast):
    """shown_sign in the measure's direction: +1 shown more faithful than the floor, -1 less."""
    sign = shown_sign(contrast.numbers)
    return sign if sign is None or contrast.measure.higher_is_faithful else -sign


def faithfulness_reading(contrast, floor):
    """'more faithful than random words', in the measure's direction; None without a test."""
    sign = faithful_sign(contrast)
    if sign is None:
        return None
    if sign == 0:
        return f"not shown to differ from {floor}"
    return f"{'more' if sign > 0 else 'less'} faithful than {floor}"


def gain_reading(gain, control_words):
    sign = shown_sign(gain.numbers)
    if sign is None:
        return None
    if sign == 0:
        return f"not shown to differ from {control_words}"
    return f"{'a gain over' if sign > 0 else 'below'} {control_words}"


MEASURE_SHOWN = ("higher shown", "lower shown")
CONTROL_WORDS = {NOTHING: "continued training without words", RANDOM: "the random control's words"}
NOTHING_CLAIMED = "nothing is claimed"


def _faithfulness_lines(contrasts, wording):
    lines = [f"  faithfulness against {wording.floor} ({wording.faithfulness_file}):"]
    if any(c.different_models for c in contrasts):
        first = contrasts[0]
        lines.append(f"    ({first.explainer}'s words explain {wording.chosen_by(first.explainer, first.iteration)}, "
                     f"{wording.floor} {wording.chosen_by(RANDOM, first.iteration)}: different models, so this "
                     "contrast mixes the model with the explainer)")
    for contrast in contrasts:
        direction = "higher" if contrast.measure.higher_is_faithful else "lower"
        reading = faithfulness_reading(contrast, wording.floor) or NOTHING_CLAIMED
        lines.append(f"    {contrast.measure.words} ({direction} = more faithful): {contrast.numbers.describe(MEASURE_SHOWN)}; "
                     f"{reading}")
    return lines


def _gain_lines(gains, wording):
    lines = [f"  gain in test {wording.metric} ({wording.gain_file}):"]
    for gain in sorted(gains, key=lambda g: g.control != NOTHING):
        control_words = gain.against if gain.control == NOTHING else f"the {gain.against} control"
        reading = gain_reading(gain, control_words) or NOTHING_CLAIMED
        lines.append(f"    vs {gain.against} ({CONTROL_WORDS[gain.control]}) at iteration {gain.iteration}: "
                     f"{gain.numbers.describe()}; {reading}")
    return lines


def faithfulness_status(contrasts):
    """(measures shown more faithful, measures shown less faithful, whether any was tested)."""
    more = [c.measure.words for c in contrasts if faithful_sign(c) == 1]
    less = [c.measure.words for c in contrasts if faithful_sign(c) == -1]
    return more, less, any(c.numbers.tested for c in contrasts)


def _names(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _who(explainers, status, which, by_explainer):
    """'lime (on every measure) and shap (on sufficiency AOPC)'; no measures named where
    there is only one."""
    def on(e):
        measures, every = status[e][which], by_explainer[e]
        if len(every) == 1:
            return e
        return f"{e} ({'on every measure' if len(measures) == len(every) else f'on {_names(measures)}'})"
    return _names(on(e) for e in explainers)


def _not_shown(explainers, what):
    """'attention words are not shown <what>' alone, 'no explainer's words are shown <what>'."""
    if len(explainers) == 1:
        return f"{explainers[0]} words are not shown {what}"
    return f"no explainer's words are shown {what}"


def _order(values):
    """'a > b = c' from {name: value}, highest first; and the names grouped by equal value."""
    ranked = sorted(values, key=lambda name: -values[name])
    groups = []
    for name in ranked:
        if groups and values[groups[-1][0]] == values[name]:
            groups[-1].append(name)
        else:
            groups.append([name])
    return " > ".join(" = ".join(group) for group in groups), [sorted(group) for group in groups]


def closing(iteration, contrasts, gains, wording):
    """The answer at one iteration: which explainers are shown faithful beyond the floor,
    which gain over `none`, and whether the two go together (only from tested comparisons)."""
    by_explainer = {}
    for contrast in contrasts:
        by_explainer.setdefault(contrast.explainer, []).append(contrast)
    versus_none = {g.explainer: g for g in gains if g.control == NOTHING and g.explainer in by_explainer}
    head = f"At iteration {iteration}: "
    numbers = [c.numbers for c in contrasts] + [g.numbers for g in versus_none.values()]
    if not any(n.tested for n in numbers):
        note = next((n.note for n in numbers if n.note), "no p")
        return [head + f"no seed-level test is possible ({note}): no explainer is shown faithful beyond "
                f"{wording.floor}" + (f" or to gain over {NOTHING}" if versus_none else "")
                + ", so that cannot be said."] + _order_line(by_explainer, versus_none, wording)
    status = {e: faithfulness_status(cs) for e, cs in by_explainer.items()}
    faithful = [e for e, (more, less, _) in status.items() if more and not less]
    parts = []
    if faithful:
        parts.append(f"{_who(faithful, status, 0, by_explainer)} words are more faithful than {wording.floor}")
    else:
        parts.append(_not_shown(list(by_explainer), f"more faithful than {wording.floor}"))
    less = [e for e, (_, worse, _) in status.items() if worse]
    if less:
        parts.append(f"{_who(less, status, 1, by_explainer)} words are less faithful than {wording.floor}")
    untested = [e for e, (_, _, tested) in status.items() if not tested]
    if untested:
        parts.append(f"{_names(untested)}: no faithfulness test ({by_explainer[untested[0]][0].numbers.note})")
    answer = None
    if versus_none:
        tested = {e: g.numbers for e, g in versus_none.items() if g.numbers.tested}
        gaining = [e for e, n in tested.items() if shown_sign(n) == 1]
        below = [e for e, n in tested.items() if shown_sign(n) == -1]
        if gaining:
            parts.append(f"{_names(gaining)} words gain over {NOTHING} in test {wording.metric}")
        elif tested:
            parts.append(_not_shown(list(tested), f"to gain over continued training without them ({NOTHING})"))
        if below:
            parts.append(f"{_names(below)} words end below {NOTHING}")
        no_test = [e for e in versus_none if e not in tested]
        if no_test:
            parts.append(f"{_names(no_test)}: no test against {NOTHING} ({versus_none[no_test[0]].numbers.note})")
        answer = _together(faithful, gaining, versus_none, status, tested)
    text = head + "; ".join(parts) + (f": {answer}." if answer else ".")
    different = sorted({c.explainer for c in contrasts if c.different_models})
    if different:
        text += (f" ({_names(different)}: words of a different model, rated and compared on that model, so "
                 "each of its lines mixes the model with the explainer.)")
    return [text] + _order_line(by_explainer, versus_none, wording)


def _together(faithful, gaining, versus_none, status, tested_gains):
    """Does faithfulness go with a gain, among the explainers compared with `none`?"""
    if not tested_gains or not any(status[e][2] for e in versus_none):
        return "without seed-level tests on both sides, whether faithfulness goes with a gain cannot be said"
    shown = [e for e in faithful if e in versus_none]
    both = [e for e in shown if e in gaining]
    if not shown and not gaining:
        return "neither is shown, so these results do not say whether faithfulness goes with a gain"
    if shown and not gaining:
        return ("here words shown faithful are not shown to gain (each gain's answer above says what its CI "
                "still allows)")
    if gaining and not shown:
        return "here a gain comes without words shown faithful"
    if set(shown) == set(gaining):
        return "here faithfulness goes with a gain"
    clauses = [f"faithfulness goes with a gain for {_names(both)}" if both
               else "no explainer shown faithful is shown to gain"]
    if set(shown) - set(gaining):
        clauses.append(f"{_names(e for e in shown if e not in gaining)} faithful without a gain")
    if set(gaining) - set(shown):
        clauses.append(f"{_names(e for e in gaining if e not in shown)} gaining without being shown faithful")
    return "here " + ", ".join(clauses)


def _order_line(by_explainer, versus_none, wording):
    """Descriptive: the order by the first measure's Δ against the floor (the order of the
    measure itself, the floor being common) against the order by Δ vs `none`."""
    names = [e for e in by_explainer if e in versus_none]
    if len(names) < 2:
        return []
    first = by_explainer[names[0]][0].measure
    faithful = {}
    for name in names:
        contrast = next((c for c in by_explainer[name] if c.measure == first), None)
        if contrast is None:
            return []
        faithful[name] = contrast.numbers.delta if first.higher_is_faithful else -contrast.numbers.delta
    by_faithfulness, faithful_groups = _order(faithful)
    by_gain, gain_groups = _order({name: versus_none[name].numbers.delta for name in names})
    same = "the same order" if faithful_groups == gain_groups else "the orders differ"
    return [f"  Descriptive only, no test: by {first.words} (most faithful first) the order is {by_faithfulness}; "
            f"by Δ test {wording.metric} vs {NOTHING} it is {by_gain}: {same}."]


def faithfulness_verdict(contrasts, gains, wording):
    """The text of faithfulness_verdict.txt / classification_quality_verdict.txt: a block per
    explainer and iteration (its contrasts with the floor and its gains), then a closing line
    per iteration. contrasts: [Contrast]; gains: [Gain] (gains_of)."""
    seeds = max([c.numbers.seeds for c in contrasts] + [g.numbers.seeds for g in gains], default=0)
    lines = [f"{seeds} seed(s). Which explainers' words are faithful (against {wording.floor}, the floor), and do "
             f"they gain in test {wording.metric}? Δ = explainer − other, mean over seeds [95 % CI]; p: over "
             f"seeds (and the test items where their records are kept), Holm-corrected within its family "
             f"(the quality measures as one; the gains as in the accuracy verdict); shown: p < "
             f"{SIGNIFICANCE_LEVEL}; otherwise equivalent within ±margin or inconclusive, never 'no effect'."]
    units = {}
    for contrast in contrasts:
        units.setdefault((contrast.iteration, contrast.explainer), []).append(contrast)
    for iteration in sorted({k for k, _ in units}):
        for explainer in [e for k, e in units if k == iteration]:
            lines.append(f"{explainer}, iteration {iteration} (words chosen by "
                         f"{wording.chosen_by(explainer, iteration)}):")
            lines += _faithfulness_lines(units[iteration, explainer], wording)
            mine = [g for g in gains if (g.explainer, g.iteration) == (explainer, iteration)]
            if mine:
                lines += _gain_lines(mine, wording)
        here = [c for c in contrasts if c.iteration == iteration]
        lines += closing(iteration, here, [g for g in gains if g.iteration == iteration], wording)
    return "\n".join(lines) + "\n"
