"""The translation summary over seeds: mean ± sd, the validation picks, the seed-level tests
of every comparison, and a verdict that never claims more than the corrected tests."""

import csv
import math
import random

import pytest
from scipy import stats

from ielearn.aggregate import format_mean_sd, mean_sd
from ielearn.design import Arm, translation_design
from ielearn.errors import UserError
from ielearn.io import write_json, write_lines
from ielearn.nmt.score import write_bleu
from ielearn.nmt.summary import arm_scores, write_summary
from ielearn.summary import COLUMNS, summarise

# bootstrap 3, controls only to iteration 2: the demo's shape (bootstrap 10, controls_bootstrap 2)
EXPERIMENT = {"append": "attention", "controls": ["random", "none"], "bootstrap": 3, "controls_bootstrap": 2,
              "seed": 1, "seeds": [1, 2, 3]}
DESIGN = translation_design(EXPERIMENT)


def scores(table):
    """{(system, k): [(valid, test) per seed]} → per-seed score dicts."""
    return [{"seed": seed, "system": system, "iteration": k, "valid_bleu": valid, "test_bleu": test}
            for (system, k), values in table.items() for seed, (valid, test) in zip((1, 2, 3), values)]


# attention at 3 is best on validation, where no control ran; it beats the baseline clearly
PICKED_WITHOUT_CONTROL = {
    ("attention", 0): [(30.0, 30.0), (31.0, 31.0), (29.0, 29.5)],
    ("attention", 1): [(30.5, 31.0), (31.5, 32.2), (29.5, 30.4)],
    ("attention", 2): [(31.0, 32.0), (32.0, 33.1), (30.0, 31.6)],
    ("attention", 3): [(33.0, 35.0), (34.0, 36.1), (32.0, 34.4)],
    ("random", 1): [(30.0, 30.5), (31.0, 31.0), (29.0, 30.0)],
    ("random", 2): [(30.5, 31.0), (31.5, 32.5), (29.5, 30.0)],
    ("none", 1): [(30.2, 30.0), (31.2, 31.5), (29.2, 29.0)],
    ("none", 2): [(30.1, 30.9), (31.1, 31.8), (29.1, 29.9)],
}


def test_table_has_mean_sd_picks_and_holm_corrected_seed_level_p():
    rows, inference, _ = summarise(DESIGN, arm_scores(scores(PICKED_WITHOUT_CONTROL)))
    table = {(r["system"], r["iteration"]): r for r in rows}
    assert [c for c in rows[0] if c in COLUMNS] == COLUMNS and len(rows) == 8
    assert (table[("attention", 3)]["test_mean"], table[("attention", 3)]["test_sd"]) == pytest.approx(
        mean_sd([35.0, 36.1, 34.4]))
    assert [key for key, r in table.items() if r["picked_by_valid"] == "yes"] == [
        ("attention", 3), ("random", 2), ("none", 1)]
    deltas = [35.0 - 30.0, 36.1 - 31.0, 34.4 - 29.5]
    result = inference.find(Arm("attention", 3), Arm("attention", 0))
    assert result.seed_level.p == pytest.approx(stats.ttest_1samp(deltas, 0).pvalue)
    assert len(inference.results) == 7 + 4 + 2  # vs baseline, same iteration, and attention/3 vs each control's pick
    # Holm within the exploratory family: every comparison but the two primary ones
    tested = [r.seed_level.p for r in inference.family("exploratory")]
    assert len(tested) == 11
    smaller = sum(p < result.seed_level.p for p in tested)  # Holm: (m − rank) × p, never decreasing
    assert result.p_holm >= (len(tested) - smaller) * result.seed_level.p - 1e-12
    assert table[("attention", 3)]["p_baseline"] == result.p_holm
    assert math.isnan(table[("attention", 3)]["p_random"]) and table[("attention", 3)]["ci_random"] == ""


def test_the_verdict_says_when_the_picked_iteration_has_no_control():
    _, _, text = summarise(DESIGN, arm_scores(scores(PICKED_WITHOUT_CONTROL)))
    assert "attention, iteration 3 (picked by validation BLEU)" in text
    # a comparison that did not run is never mentioned; the one at the control's own pick is
    assert "vs random at iteration 3" not in text and "no such control" not in text
    assert "vs random at its own validation pick, iteration 2: Δ = +4.00" in text
    assert "(random ran only to iteration 2: a gain at iteration 3 cannot be credited to the words)" in text
    assert "(none ran only to iteration 2: a gain at iteration 3 cannot be credited to the words)" in text
    # the picked arm is exploratory: it comes after the primary question and its header
    lines = text.splitlines()
    assert lines.index(next(l for l in lines if l.startswith("exploratory"))) < lines.index(
        "attention, iteration 3 (picked by validation BLEU): test BLEU 35.17 ± 0.86")
    # every comparison ends in one of the four answers, or says why there is no test
    answers = ("gain shown", "loss shown", "equivalent within ±1", "inconclusive (the CI allows from")
    assert all(any(f": {a}" in line for a in answers)
               for line in lines if line.startswith("  ") and "Δ =" in line)


def test_the_primary_question_comes_first_and_ends_in_four_words():
    _, inference, text = summarise(DESIGN, arm_scores(scores(PICKED_WITHOUT_CONTROL)))
    lines = text.splitlines()
    assert lines[1].startswith("primary question (declared before the run, config significance.primary): "
                               "2 comparison(s)")
    assert lines[2].startswith("  attention/1 vs random/1 (3 seed(s)): Δ = +0.70 [")
    assert lines[3].startswith("  attention/1 vs none/1 (3 seed(s)): Δ = +1.03 [")
    assert "inconclusive (the CI allows from" in lines[2] and "MDE" in lines[2]
    assert lines[-1] == "answer to the primary question: attention/1: vs random/1 inconclusive, vs none/1 inconclusive"
    # the family is the two primary comparisons: Holm over 2, not over the table's 13
    primary = inference.family("primary")
    assert [(r.comparison.arm.label, r.comparison.against.label) for r in primary] == [
        ("attention/1", "random/1"), ("attention/1", "none/1")]
    first, second = sorted(r.seed_level.p for r in primary)
    assert sorted(r.p_holm for r in primary) == [pytest.approx(2 * first), pytest.approx(max(2 * first, second))]
    assert len(inference.family("exploratory")) == 11
    # the Holm-consistent interval contains 0 because the corrected p is above 0.05
    for result in primary:
        low, high = result.decision.interval
        assert low <= 0 <= high and low <= result.seed_level.ci_low


def test_the_verdict_answers_gain_shown_only_from_the_corrected_tests():
    clear = {key: [(v + (5 if key[0] == "attention" and key[1] else 0), t + (8 if key == ("attention", 1) else 0))
                   for v, t in values] for key, values in PICKED_WITHOUT_CONTROL.items()}
    _, inference, text = summarise(DESIGN, arm_scores(scores(clear)))
    assert text.splitlines()[-1] == ("answer to the primary question: attention/1: vs random/1 gain shown, "
                                     "vs none/1 gain shown")
    assert all(r.significant for r in inference.family("primary"))


def test_one_seed_claims_nothing_and_validation_may_pick_the_baseline():
    one = {key: values[:1] for key, values in PICKED_WITHOUT_CONTROL.items()}
    _, _, text = summarise(translation_design({**EXPERIMENT, "seeds": [1]}), arm_scores(scores(one)))
    assert "no test (one seed: no seed-level test" in text
    assert text.splitlines()[-1] == ("answer to the primary question: attention/1: vs random/1 no test, "
                                     "vs none/1 no test")
    worse = {key: [(v - (5 if k else 0), t) for v, t in values] for (s, k), values in PICKED_WITHOUT_CONTROL.items()
             for key in [(s, k)]}
    _, _, text = summarise(DESIGN, arm_scores(scores(worse)))
    assert "attention: validation picks the baseline" in text


def test_a_declared_primary_family_replaces_the_default():
    design = translation_design({**EXPERIMENT, "significance": {"primary": ["attention/2 vs random/2"]}})
    _, inference, text = summarise(design, arm_scores(scores(PICKED_WITHOUT_CONTROL)))
    assert [(r.comparison.arm.label, r.comparison.against.label) for r in inference.family("primary")] == [
        ("attention/2", "random/2")]
    assert text.splitlines()[-1].startswith("answer to the primary question: attention/2: vs random/2 ")


@pytest.mark.parametrize("entry, message", [
    ("attention/3 vs random/3", "not a comparison this experiment makes"),
    ("attention-1 vs random/1", "not of the form"),
    ("attention/1 versus random/1", "not of the form"),
])
def test_a_primary_comparison_the_design_does_not_make_is_one_clear_error(entry, message):
    with pytest.raises(UserError, match=f"significance.primary: '{entry}' is {message}"):
        translation_design({**EXPERIMENT, "significance": {"primary": [entry]}})


def test_written_from_hypotheses_the_items_feed_the_ci_and_the_diagnostics(tmp_path):
    rng = random.Random(3)
    words = [f"w{i}" for i in range(25)]
    references = [" ".join(rng.choice(words) for _ in range(rng.randint(4, 10))) for _ in range(40)]
    write_lines(tmp_path / "ref", references)
    design = translation_design({**EXPERIMENT, "bootstrap": 1, "controls": ["none"], "seeds": [1, 2]})
    runs = []
    for seed in (1, 2):
        for system, k in [("attention", 0), ("attention", 1), ("none", 1)]:
            rate = {"attention": 0.3 if k else 0.5, "none": 0.45}[system]
            stem = tmp_path / f"{seed}_{system}_{k}"
            write_lines(f"{stem}.txt", [" ".join(w if rng.random() > rate else rng.choice(words) for w in r.split())
                                        for r in references])
            write_bleu(f"{stem}.txt", tmp_path / "ref", f"{stem}.bleu")
            runs.append({"seed": seed, "system": system, "iteration": k, "valid": f"{stem}.bleu",
                         "test": f"{stem}.bleu", "hyp": f"{stem}.txt"})
            # what compute.json holds; none/1 of seed 2 was picked from a sweep of 3 rates
            updates = 100 * seed + (10 if system == "none" else 20) * k
            write_json(f"{stem}.json", {"updates": updates, "epochs": 2.5 * seed, "kept_epochs": 2.0,
                                        "source_tokens": 1000 * seed + k, "lr": 0.000797, "kept": "best",
                                        **({"lr_candidates": 3} if (seed, system) == (2, "none") else {})})
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons", "comparisons_per_seed",
                                                           "verdict", "compute")}
    text = write_summary(design, runs, tmp_path / "ref", outputs, {"ar_trials": 200},
                         computes=[f"{run['valid'][:-len('.bleu')]}.json" for run in runs])
    with open(outputs["comparisons"], newline="") as handle:
        comparisons = list(csv.DictReader(handle, delimiter="\t"))
    assert [(c["system"], c["iteration"], c["against"], c["ci_method"]) for c in comparisons] == [
        ("attention", "1", "attention", "seeds+items"), ("none", "1", "attention", "seeds+items"),
        ("attention", "1", "none", "seeds+items")]
    with open(outputs["comparisons_per_seed"], newline="") as handle:
        per_seed = list(csv.DictReader(handle, delimiter="\t"))
    assert len(per_seed) == 6 and all(0 < float(r["p_ar"]) <= 1 for r in per_seed)
    assert per_seed[0]["direction"] == ("higher" if float(per_seed[0]["delta"]) > 0 else "lower")
    assert outputs["verdict"].read_text() == text and text.startswith("2 seed(s) of the baseline")
    # compute: every seed's record in compute.tsv, the mean over seeds in summary.tsv
    with open(outputs["compute"], newline="") as handle:
        compute = list(csv.DictReader(handle, delimiter="\t"))
    assert list(compute[0]) == ["seed", "system", "iteration", "updates", "epochs", "kept_epochs", "source_tokens",
                                "lr", "lr_candidates"]
    assert [(r["seed"], r["system"], r["iteration"], r["updates"], r["epochs"], r["lr"], r["lr_candidates"])
            for r in compute][-2:] == [("2", "attention", "1", "220", "5", "0.000797", "1"),
                                       ("2", "none", "1", "210", "5", "0.000797", "3")]
    with open(outputs["table"], newline="") as handle:
        table = {(r["system"], r["iteration"]): r for r in csv.DictReader(handle, delimiter="\t")}
    assert list(table[("baseline", "0")])[-3:] == ["updates_mean", "epochs_mean", "source_tokens_mean"]
    assert (table[("none", "1")]["updates_mean"], table[("none", "1")]["epochs_mean"],
            table[("none", "1")]["source_tokens_mean"]) == ("160.00", "3.75", "1501.00")
    assert format_mean_sd(1.0, math.nan) == "1.00"


def _none_shifted(shift, seeds=3):
    """PICKED_WITHOUT_CONTROL with `none`'s test scores moved by `shift` at both iterations."""
    return {key: [(v, t + (shift if key[0] == "none" else 0)) for v, t in values[:seeds]]
            for key, values in PICKED_WITHOUT_CONTROL.items()}


def _regime_lines(text):
    return [line for line in text.splitlines() if "regime check" in line]


def test_the_regime_check_warns_only_when_a_loss_is_shown():
    # baseline test 30.0, 31.0, 29.5; none/1 at −2.0 in every seed up to ±0.5: a loss is shown
    table = _none_shifted(-2.0)
    _, _, text = summarise(DESIGN, arm_scores(scores(table)))
    warnings = [line for line in text.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and warnings[0].startswith(
        "warning: regime check, none at iteration 1 (its validation pick) − baseline, test BLEU (3 seed(s), "
        "uncorrected): Δ = -2.00 [")
    assert warnings[0].endswith("loss shown. Continued training on the unchanged input scores lower than the "
                                "baseline, so comparisons inside this regime say little about the words")
    assert text.splitlines()[text.splitlines().index(warnings[0]) - 1].startswith("baseline: test BLEU")
    # −1.0 with this spread: neither a loss nor equivalence within ±1 is shown: inconclusive, no warning
    _, _, text = summarise(DESIGN, arm_scores(scores(_none_shifted(-1.0))))
    assert "warning" not in text
    assert _regime_lines(text)[0].endswith("inconclusive (the CI allows from -2.24 to +0.24): whether the regime "
                                           "keeps what the baseline had is not settled")
    # no shift: equivalent within ±1
    _, _, text = summarise(DESIGN, arm_scores(scores(_none_shifted(0.0))))
    assert _regime_lines(text)[0].endswith("equivalent within ±1: the fine-tune regime keeps what the baseline had")
    # +2.0: a gain shown, no warning, and the line says the baseline no longer isolates the words
    _, _, text = summarise(DESIGN, arm_scores(scores(_none_shifted(2.0))))
    assert "warning" not in text
    assert _regime_lines(text)[0].endswith("gain shown: the fine-tune regime keeps what the baseline had and adds "
                                           "to it, so a comparison with the baseline credits the extra training; "
                                           "the controls separate the words")


def test_the_regime_check_names_none_at_iteration_1_and_at_its_own_pick():
    table = _none_shifted(-2.0)
    table[("none", 2)] = [(v + 1, t) for v, t in table[("none", 2)]]  # validation now picks none/2
    _, inference, text = summarise(DESIGN, arm_scores(scores(table)))
    assert inference.picks["none"] == Arm("none", 2)
    lines = _regime_lines(text)
    assert len(lines) == 2
    assert "none at iteration 1 − baseline" in lines[0] and "Δ = -2.00" in lines[0]
    assert "none at iteration 2 (its validation pick) − baseline" in lines[1] and "Δ = -1.30" in lines[1]


def test_with_one_seed_the_regime_cannot_be_judged():
    one = _none_shifted(-1.0, seeds=1)
    _, _, text = summarise(translation_design({**EXPERIMENT, "seeds": [1]}), arm_scores(scores(one)))
    assert "warning" not in text
    assert _regime_lines(text)[0].endswith("Δ = -1.00: no test (one seed: no seed-level test (list more seeds)): "
                                           "whether the regime keeps what the baseline had cannot be judged")


def test_a_run_without_controls_declares_no_primary_question_of_its_own():
    # gettext_positions' shape: attention words only; its question is asked across runs (compare_runs)
    bare = {key: values for key, values in PICKED_WITHOUT_CONTROL.items() if key[0] == "attention"}
    design = translation_design({**EXPERIMENT, "controls": [], "controls_bootstrap": 0})
    _, _, text = summarise(design, arm_scores(scores(bare)))
    lines = text.splitlines()
    assert lines[1].startswith("primary question: none inside this run (it has no controls")
    assert "python -m ielearn.compare_runs" in lines[1]
    assert "attention, iteration 1 (fine-tuned from the baseline with its words appended; this run has no control)" \
        in text and "every control" not in text and "has scores yet" not in text
    assert lines[-1] == "answer to the primary question: none was declared in this run"
