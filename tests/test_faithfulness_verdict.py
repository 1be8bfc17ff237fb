"""The faithfulness verdict in words (ielearn/inference/faithfulness_verdict.py and its two
adapters) on small hand-written comparison rows."""

from ielearn.classify.quality_verdict import contrasts_of, quality_verdict, write_quality_verdict
from ielearn.nmt.faithfulness_verdict import translation_faithfulness_verdict

MEASURES = ("comprehensiveness_aopc", "sufficiency_aopc", "posthoc_accuracy_avg")


def row(system, k, against, delta, p_holm="", ci=("", ""), seeds=3, why="same model", measure=None, note=""):
    """One comparison row as the TSVs hold it (strings, Δ rounded as the tables write it; an
    empty p: no test)."""
    direction = "higher" if delta > 0 else "lower" if delta < 0 else "equal"
    if p_holm == "":
        answer = "no test"
    elif float(p_holm) < 0.05 and delta:
        answer = "gain shown" if delta > 0 else "loss shown"
    else:
        answer = "inconclusive"
    cells = {"system": system, "iteration": str(k), "against": against, "against_iteration": str(k), "why": why,
             "family": "quality" if measure else "primary", "seeds": str(seeds), "delta": f"{delta:.2f}",
             "ci_low": ci[0], "ci_high": ci[1], "ci_method": "seeds", "direction": direction, "p_t": p_holm,
             "p_holm": p_holm, "sim_ci_low": "-1.00", "sim_ci_high": "1.00", "margin": "1", "p_tost": "",
             "p_tost_holm": "", "mde": "2.00", "answer": answer, "note": note}
    return cells if measure is None else {"measure": measure, **cells}


def quality(system, k, deltas, ps, why="same model", against="random", seeds=3, note=""):
    """The three headline rows of one pair: deltas and p_holm in MEASURES' order."""
    return [row(system, k, against, d, p, seeds=seeds, why=why, measure=m, note=note)
            for m, d, p in zip(MEASURES, deltas, ps)]


def line(text, start):
    """The one line of `text` that starts (after its indent) with `start`."""
    found = [x.strip() for x in text.splitlines() if x.strip().startswith(start)]
    assert len(found) == 1, (start, text)
    return found[0]


def block(text, head):
    """The lines of one explainer's block (from its head to the next unindented line)."""
    lines = text.splitlines()
    first = lines.index(head)
    rest = lines[first + 1:]
    end = next((i for i, x in enumerate(rest) if not x.startswith(" ")), len(rest))
    return "\n".join(rest[:end])


def assert_endings(text, endings):
    """{start of a line: how that line ends} for lines of `text`."""
    for start, ending in endings.items():
        assert line(text, start).endswith(ending), (start, line(text, start))


def test_each_measure_is_read_in_its_own_direction():
    """Sufficiency is lower-is-faithful: Δ < 0 significant is *more* faithful; Δ > 0 less."""
    rows = quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.01", "0.2"))
    rows += quality("shap", 1, (-5.0, 8.0, 1.0), ("0.04", "0.02", "1"))
    text = quality_verdict(rows, [])
    lime, shap = block(text, "lime, iteration 1 (words chosen by the baseline):"), \
        block(text, "shap, iteration 1 (words chosen by the baseline):")
    assert line(lime, "comprehensiveness AOPC").endswith(
        "Δ = +30.00, p = 0.003: higher shown; more faithful than random words")
    assert line(lime, "sufficiency AOPC (lower = more faithful)").endswith(
        "p = 0.010: lower shown; more faithful than random words")
    assert line(lime, "post-hoc accuracy avg").endswith("inconclusive (the CI allows from -1.00 to +1.00; MDE 2.00 at 80 % power); not shown to differ from random words")
    assert line(shap, "comprehensiveness AOPC").endswith("lower shown; less faithful than random words")
    assert line(shap, "sufficiency AOPC").endswith("higher shown; less faithful than random words")
    closing = line(text, "At iteration 1:")
    assert closing == ("At iteration 1: lime (on comprehensiveness AOPC and sufficiency AOPC) words are more "
                       "faithful than random words; shap (on comprehensiveness AOPC and sufficiency AOPC) words "
                       "are less faithful than random words.")  # no gain compared: no answer claimed


def test_a_difference_that_rounds_to_zero_keeps_the_tables_direction():
    """-0.004 is '-0.00' in the table; its `direction` column still says 'lower'."""
    rows = quality("lime", 1, (0.004, -0.004, 0.0), ("0.01", "0.01", "0.01"))
    text = quality_verdict(rows, [row("lime", 1, "none", -0.001, "0.01")])
    assert_endings(text, {
        "comprehensiveness AOPC": "Δ = +0.00, p = 0.010: higher shown; more faithful than random words",
        "sufficiency AOPC": "Δ = -0.00, p = 0.010: lower shown; more faithful than random words",
        "post-hoc accuracy avg": "inconclusive (the CI allows from -1.00 to +1.00; MDE 2.00 at 80 % power); not shown to differ from random words",
        "vs none": "Δ = -0.00, p = 0.010: loss shown; below none"})


def test_significance_is_holm_p_below_the_verdicts_level():
    """p_holm 0.05 is not significant (the accuracy verdict's strict '<'), 0.0499 is."""
    rows = quality("lime", 1, (3.0, -2.0, 1.0), ("0.05", "0.0499", "0.5"))
    text = quality_verdict(rows, [])
    assert line(text, "comprehensiveness AOPC").endswith("not shown to differ from random words")
    assert line(text, "sufficiency AOPC").endswith("more faithful than random words")


def test_faithful_without_a_gain_and_the_gain_lines():
    rows = quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.001", "0.002"))
    rows += quality("attention", 1, (2.0, -1.0, 1.0), ("0.6", "0.7", "0.8"))
    scores = [row("lime", 1, "baseline", 1.0, "1"),  # not a gain comparison: never shown
              row("lime", 1, "none", -0.6, "0.9", ci=("-2.10", "0.90")), row("lime", 1, "random", 2.2, "0.3"),
              row("attention", 1, "none", 0.4, "1")]
    text = quality_verdict(rows, scores)
    lime = block(text, "lime, iteration 1 (words chosen by the baseline):")
    assert line(lime, "vs none (continued training without words) at iteration 1:") == (
        "vs none (continued training without words) at iteration 1: Δ = -0.60 [-2.10, +0.90], p = 0.900: "
        "inconclusive (the CI allows from -1.00 to +1.00; MDE 2.00 at 80 % power); not shown to differ from none")
    assert line(lime, "vs random (the random control's words)").endswith("not shown to differ from the random control")
    assert "baseline" not in lime.replace("words chosen by the baseline", "")
    attention = block(text, "attention, iteration 1 (words chosen by the baseline):")
    assert "vs random" not in attention  # that comparison is not in the table: not mentioned
    assert line(text, "At iteration 1:") == (
        "At iteration 1: lime (on every measure) words are more faithful than random words; no explainer's words "
        "are shown to gain over continued training without them (none): here words shown faithful are not shown to gain (each gain's answer above says what its CI "
        "still allows).")


def test_closing_when_faithfulness_goes_with_a_gain_and_when_a_gain_comes_alone():
    faithful = quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.001", "0.002"))
    unfaithful = quality("shap", 1, (1.0, 1.0, 1.0), ("0.5", "0.5", "0.5"))
    gains = [row("lime", 1, "none", 2.0, "0.01"), row("shap", 1, "none", -0.2, "0.8")]
    assert line(quality_verdict(faithful + unfaithful, gains), "At iteration 1:").endswith(
        "lime words gain over none in test accuracy: here faithfulness goes with a gain.")
    swapped = [row("lime", 1, "none", 0.1, "0.8"), row("shap", 1, "none", 3.0, "0.001")]
    assert line(quality_verdict(faithful + unfaithful, swapped), "At iteration 1:").endswith(
        "shap words gain over none in test accuracy: here no explainer shown faithful is shown to gain, lime faithful without a "
        "gain, shap gaining without being shown faithful.")
    text = quality_verdict(unfaithful, [row("shap", 1, "none", 3.0, "0.001")])
    assert line(text, "At iteration 1:") == (
        "At iteration 1: shap words are not shown more faithful than random words; shap words gain over none in "
        "test accuracy: here a gain comes without words shown faithful.")
    text = quality_verdict(unfaithful, [row("shap", 1, "none", -3.0, "0.001")])
    assert line(text, "At iteration 1:") == (
        "At iteration 1: shap words are not shown more faithful than random words; shap words are not shown to "
        "gain over continued training without them (none); shap words end below none: neither is shown, so "
        "these results do not say whether faithfulness goes with a gain.")


def test_mixed_faithfulness_and_gain_split_between_explainers():
    rows = quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.001", "0.002"))
    rows += quality("shap", 1, (1.0, 1.0, 1.0), ("0.5", "0.5", "0.5"))
    rows += quality("attention", 1, (9.0, -9.0, 9.0), ("0.001", "0.001", "0.001"))
    gains = [row("lime", 1, "none", 0.1, "0.8"), row("shap", 1, "none", 3.0, "0.001"),
             row("attention", 1, "none", 2.0, "0.01")]
    closing = line(quality_verdict(rows, gains), "At iteration 1:")
    assert closing.endswith(": here faithfulness goes with a gain for attention, lime faithful without a gain, "
                            "shap gaining without being shown faithful.")
    assert "lime (on every measure) and attention (on every measure) words are more faithful" in closing


def test_one_seed_claims_nothing():
    note = "one seed: no seed-level test (list more seeds)"
    rows = quality("lime", 1, (30.0, -20.0, 25.0), ("", "", ""), seeds=1, note=note)
    rows += quality("shap", 1, (20.0, -10.0, 5.0), ("", "", ""), seeds=1, note=note)
    gains = [row("lime", 1, "none", -0.6, seeds=1, note=note), row("shap", 1, "none", 0.4, seeds=1, note=note)]
    text = quality_verdict(rows, gains)
    assert text.startswith("1 seed(s).")
    assert line(text, "comprehensiveness AOPC (higher = more faithful): Δ = +30.00").endswith(
        f"Δ = +30.00: no test ({note}); nothing is claimed")
    blocks = text.split("At iteration 1:")[0]
    assert not any(claim in blocks for claim in ("more faithful than", "not shown", "gain over", "below"))
    assert line(text, "At iteration 1:") == (
        f"At iteration 1: no seed-level test is possible ({note}): no explainer is shown faithful beyond random "
        "words or to gain over none, so that cannot be said.")
    # descriptive order: lime > shap by comprehensiveness, shap > lime by Δ vs none
    assert line(text, "Descriptive only, no test:") == (
        "Descriptive only, no test: by comprehensiveness AOPC (most faithful first) the order is lime > shap; "
        "by Δ test accuracy vs none it is shap > lime: the orders differ.")


def test_the_order_line_reads_sufficiency_by_its_direction_when_it_comes_first():
    from ielearn.inference.faithfulness_verdict import Contrast, Gain, Measure, Numbers, Wording, faithfulness_verdict

    suff = Measure("sufficiency_aopc", "sufficiency AOPC", False)

    def numbers(delta):
        return Numbers(delta, float("nan"), float("nan"), 0.5, "", 3, 1 if delta > 0 else -1)
    contrasts = [Contrast("lime", 1, suff, numbers(-20.0)), Contrast("shap", 1, suff, numbers(-5.0))]
    gains = [Gain("lime", 1, "none", numbers(1.0)), Gain("shap", 1, "none", numbers(0.5))]
    wording = Wording("accuracy", "random words", "q.tsv", "c.tsv", lambda explainer, k: "the baseline")
    text = faithfulness_verdict(contrasts, gains, wording)
    assert line(text, "Descriptive only").endswith("order is lime > shap; by Δ test accuracy vs none it is "
                                                   "lime > shap: the same order.")


def test_scc_explains_another_model_and_random_may_stand_first():
    """`why` 'same iteration': the caveat; a row with random as `system` is turned round."""
    rows = quality("scc", 1, (11.0, -28.0, 24.0), ("0.01", "0.02", "0.03"), why="same iteration")
    rows += quality("random", 1, (-30.0, 20.0, -25.0), ("0.003", "0.001", "0.002"), against="lime")
    contrasts = contrasts_of(rows)
    lime = [c for c in contrasts if c.explainer == "lime"]
    assert [c.numbers.delta for c in lime] == [30.0, -20.0, 25.0] and not any(c.different_models for c in lime)
    text = quality_verdict(rows, [])
    scc = block(text, "scc, iteration 1 (words chosen by model scc/0):")
    assert ("(scc's words explain model scc/0, random words the baseline: different models, so this contrast "
            "mixes the model with the explainer)") in scc
    assert "different models" not in block(text, "lime, iteration 1 (words chosen by the baseline):")
    assert line(text, "At iteration 1:").startswith(
        "At iteration 1: scc (on every measure) and lime (on every measure) words are more faithful")


def test_scc_gains_are_read_against_its_own_controls_and_the_closing_line_keeps_the_caveat():
    rows = quality("scc", 1, (11.0, -28.0, 24.0), ("0.01", "0.02", "0.03"), why="same iteration")
    rows += quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.001", "0.002"))
    gains = [row("scc", 1, "none@scc", 2.0, "0.01"), row("scc", 1, "random@scc", 1.0, "0.4"),
             row("lime", 1, "none", 0.1, "0.8")]
    text = quality_verdict(rows, gains)
    scc = block(text, "scc, iteration 1 (words chosen by model scc/0):")
    assert line(scc, "vs none@scc (continued training without words) at iteration 1:").endswith(
        "; a gain over none@scc")
    assert line(scc, "vs random@scc (the random control's words)").endswith(
        "not shown to differ from the random@scc control")
    closing = line(text, "At iteration 1:")
    assert "scc words gain over none in test accuracy" in closing
    assert closing.endswith("(scc: words of a different model, rated and compared on that model, so each of its "
                            "lines mixes the model with the explainer.)")
    assert "different model" not in line(quality_verdict(rows[3:], gains[2:]), "At iteration 1:")


def test_a_comparison_that_did_not_run_is_not_mentioned():
    """Iteration 2 has quality rows but no control ran that far: no gain lines, no answer."""
    rows = quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.001", "0.002"))
    rows += quality("lime", 2, (10.0, -5.0, 5.0), ("0.3", "0.2", "0.4"))
    rows += [row("lime", 1, "shap", 1.0, "0.5", measure="comprehensiveness_aopc")]  # not the floor
    text = quality_verdict(rows, [row("lime", 1, "none", 1.0, "0.5")])
    second = block(text, "lime, iteration 2 (words chosen by model lime/1):")
    assert "gain in test" not in second and "none" not in second and "shap" not in text
    assert line(text, "At iteration 2:") == "At iteration 2: lime words are not shown more faithful than random words."


def test_write_reads_both_tables(tmp_path):
    def tsv(name, rows):
        path = tmp_path / name
        path.write_text("\t".join(rows[0]) + "\n" + "".join("\t".join(r.values()) + "\n" for r in rows))
        return path
    quality_tsv = tsv("q.tsv", quality("lime", 1, (30.0, -20.0, 25.0), ("0.003", "0.001", "0.002")))
    scores_tsv = tsv("c.tsv", [row("lime", 1, "none", 2.0, "0.01")])
    text = write_quality_verdict(quality_tsv, scores_tsv, tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_text() == text
    assert line(text, "At iteration 1:").endswith("here faithfulness goes with a gain.")


def test_translation_reads_model_k_with_the_bleu_of_iteration_k_plus_1():
    faithfulness = [row("attended", k, "random", d, p, measure="logprob_drop", ci=ci)
                    for k, d, p, ci in [(0, 1.27, "0.002638", ("1.10", "1.45")), (1, 0.90, "0.2", ("-0.1", "1.9"))]]
    bleu = [row("attention", 1, "attention", -1.33, "0.33", why="baseline"),
            row("attention", 1, "none", -2.41, "0.8991"), row("attention", 1, "random", -1.41, "1")]
    bleu[0]["against_iteration"] = "0"
    text = translation_faithfulness_verdict(faithfulness, bleu)
    first = block(text, "attention, iteration 1 (words chosen by the baseline, model 0):")
    assert line(first, "log-probability drop (higher = more faithful):") == (
        "log-probability drop (higher = more faithful): Δ = +1.27 [+1.10, +1.45], p = 0.003: higher shown; "
        "more faithful than random source tokens")
    assert line(first, "vs none").endswith("p = 0.899: inconclusive (the CI allows from -1.00 to +1.00; MDE 2.00 at 80 % power); not shown to differ from none")
    second = block(text, "attention, iteration 2 (words chosen by model 1; no iteration 2 appended them):")
    assert "gain in test" not in second  # iteration 2 has no BLEU comparison with a control here
    assert line(text, "At iteration 1:") == (
        "At iteration 1: attention words are more faithful than random source tokens; attention words are not "
        "shown to gain over continued training without them (none): here words shown faithful are not shown to gain (each gain's answer above says what its CI "
        "still allows).")
    assert line(text, "At iteration 2:") == (
        "At iteration 2: attention words are not shown more faithful than random source tokens.")
    assert "Descriptive" not in text  # one explainer: no order to compare
