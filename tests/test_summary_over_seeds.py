"""The translation summary over seeds: mean ± sd, the validation picks, the seed-level tests
of every comparison, and a verdict that never claims more than the corrected tests."""

import csv
import math
import random

import pytest
from scipy import stats

from ielearn.aggregate import format_mean_sd, mean_sd
from ielearn.design import Arm, translation_design
from ielearn.io import write_json, write_lines
from ielearn.nmt.score import write_bleu
from ielearn.nmt.summary import COLUMNS, arm_scores, summarise, write_summary

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
    assert list(rows[0]) == COLUMNS and len(rows) == 8
    assert (table[("attention", 3)]["test_mean"], table[("attention", 3)]["test_sd"]) == pytest.approx(
        mean_sd([35.0, 36.1, 34.4]))
    assert [key for key, r in table.items() if r["picked_by_valid"]] == [("attention", 3), ("random", 2), ("none", 1)]
    deltas = [35.0 - 30.0, 36.1 - 31.0, 34.4 - 29.5]
    result = inference.find(Arm("attention", 3), Arm("attention", 0))
    assert result.seed_level.p == pytest.approx(stats.ttest_1samp(deltas, 0).pvalue)
    tested = [r.seed_level.p for r in inference.results]
    assert len(tested) == 7 + 4 + 2  # vs baseline, same iteration, and attention/3 vs each control's pick
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
    verdict = text.splitlines()[-1]
    assert verdict.startswith("verdict (attention, iteration 3): attention words beat the baseline significantly, "
                              "but the gain cannot be credited")
    assert "the random control ran only to iteration 2, not to 3" in verdict
    assert "the none control ran only to iteration 2, not to 3" in verdict
    assert "every control significantly" not in text
    # every fixed-budget comparison is stated with its direction in words
    assert "attention, iteration 1 (the same extra training as every control)" in text
    assert all((": higher, " in line or ": lower, " in line or ": equal, " in line)
               for line in text.splitlines() if line.startswith("  vs ") and "Δ =" in line)


def test_the_verdict_credits_the_words_only_when_every_corrected_test_agrees():
    clear = {key: [(v + (5 if key == ("attention", 2) else 0), t + (8 if key == ("attention", 2) else 0))
                   for v, t in values] for key, values in PICKED_WITHOUT_CONTROL.items() if key != ("attention", 3)}
    design = translation_design({**EXPERIMENT, "bootstrap": 2})
    _, _, text = summarise(design, arm_scores(scores(clear)))
    assert text.splitlines()[-1] == (
        "verdict (attention, iteration 2): attention words beat the baseline and every control significantly")


def test_one_seed_claims_nothing_and_validation_may_pick_the_baseline():
    one = {key: values[:1] for key, values in PICKED_WITHOUT_CONTROL.items()}
    _, _, text = summarise(translation_design({**EXPERIMENT, "seeds": [1]}), arm_scores(scores(one)))
    assert "no test (one seed: no seed-level test" in text
    assert text.splitlines()[-1].endswith("no seed-level test is possible here (one seed, or no variation); "
                                          "nothing is claimed")
    worse = {key: [(v - (5 if k else 0), t) for v, t in values] for (s, k), values in PICKED_WITHOUT_CONTROL.items()
             for key in [(s, k)]}
    _, _, text = summarise(DESIGN, arm_scores(scores(worse)))
    assert "verdict (attention): validation picks the baseline" in text


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
    text = write_summary(design, runs, tmp_path / "ref", outputs, {"bootstrap_samples": 200, "ar_trials": 200},
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
    assert outputs["verdict"].read_text() == text and text.startswith("2 seed(s).")
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
    assert list(table[("attention", "0")])[-3:] == ["updates_mean", "epochs_mean", "source_tokens_mean"]
    assert (table[("none", "1")]["updates_mean"], table[("none", "1")]["epochs_mean"],
            table[("none", "1")]["source_tokens_mean"]) == ("160.00", "3.75", "1501.00")
    assert format_mean_sd(1.0, math.nan) == "1.00"


def _none_shifted(shift, seeds=3):
    """PICKED_WITHOUT_CONTROL with `none`'s test scores moved by `shift` at both iterations."""
    return {key: [(v, t + (shift if key[0] == "none" else 0)) for v, t in values[:seeds]]
            for key, values in PICKED_WITHOUT_CONTROL.items()}


def test_the_verdict_warns_when_none_ends_below_the_baseline_by_more_than_its_sd():
    # baseline test 30.0, 31.0, 29.5: mean 30.17, sd 0.76; none/1 has the same mean, none/2 is
    # validation's pick of none only if its valid is higher, so it stays at iteration 1
    _, _, text = summarise(DESIGN, arm_scores(scores(_none_shifted(-1.0))))
    warnings = [line for line in text.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: the fine-tune regime loses what the baseline had: none at iteration 1 (its validation pick) "
        "ends 1.00 test BLEU below the baseline, more than the baseline's seed-to-seed sd (0.76). Continued "
        "training on the unchanged input scores lower than the baseline, so comparisons inside this regime say "
        "little about the words"]
    assert text.splitlines()[2] == warnings[0]  # right below the baseline's line
    # within the sd: no warning
    _, _, text = summarise(DESIGN, arm_scores(scores(_none_shifted(-0.5))))
    assert "warning" not in text and "regime" not in text


def test_the_regime_check_names_none_at_iteration_1_and_at_its_own_pick():
    table = _none_shifted(-2.0)
    table[("none", 2)] = [(v + 1, t) for v, t in table[("none", 2)]]  # validation now picks none/2
    _, inference, text = summarise(DESIGN, arm_scores(scores(table)))
    assert inference.picks["none"] == Arm("none", 2)
    warnings = [line for line in text.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert "none at iteration 1 ends 2.00 test BLEU below" in warnings[0]
    assert "none at iteration 2 (its validation pick) ends 1.30 test BLEU below" in warnings[1]


def test_with_one_seed_the_regime_cannot_be_judged():
    one = _none_shifted(-1.0, seeds=1)
    _, _, text = summarise(translation_design({**EXPERIMENT, "seeds": [1]}), arm_scores(scores(one)))
    assert "warning" not in text
    assert ("regime check: none at iteration 1 (its validation pick) ends 1.00 test BLEU below the baseline; "
            "with one seed the seed-to-seed sd is unknown, so whether the fine-tune regime loses what the "
            "baseline had cannot be judged") in text
