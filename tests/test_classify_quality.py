"""Explanation quality (comprehensiveness, sufficiency, post-hoc accuracy; SCC eq. 11, 12)
on hand-computed cases: a fake predictor with known probabilities."""

import math

import numpy as np
import pytest
import scipy.stats
from transformers import AutoTokenizer

from ielearn.classify.examples import Example
from ielearn.classify.explain.words import input_words
from ielearn.classify.quality import (
    ERASER_BINS,
    aopc,
    quality_curves,
    quality_steps,
    reduced_texts,
    step_size,
    write_example_curves,
)
from ielearn.classify.quality_summary import explained_model, per_item_measures, write_quality_summary
from ielearn.io import read_tsv
from tiny_bert import make_tiny_bert


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return AutoTokenizer.from_pretrained(make_tiny_bert(tmp_path_factory.mktemp("tiny_bert")), use_fast=True)


class Known:
    """p(class 1) = 0.15 + 0.3 [good] + 0.2 [fine] + 0.1 [ok]; p(class 0) = 1 − p(class 1)."""

    regression = False
    weights = {"good": 0.3, "fine": 0.2, "ok": 0.1}

    def __init__(self):
        self.seen = []

    def __call__(self, texts_a, texts_b=None):
        self.seen += list(texts_a)
        ones = [0.15 + sum(w for word, w in self.weights.items() if word in t.split()) for t in texts_a]
        return np.array([[1 - p, p] for p in ones])


def words(k):
    """The steps k = 1..K words (quality.aopc: words)."""
    return quality_steps({"aopc": "words", "k": k})


def texts_of(tokenizer, text_a, text_b, chosen, keep):
    texts = (text_a, text_b)
    return reduced_texts(texts, input_words(tokenizer, *texts), set(chosen), keep)


def test_deleting_removes_every_occurrence_of_a_whole_word(tokenizer):
    assert texts_of(tokenizer, "good, fine. good ok", None, {"good"}, keep=False) == (", fine. ok", None)
    assert texts_of(tokenizer, "good, fine. good ok", None, {"good", "ok"}, keep=True) == ("good good ok", None)
    # `goods` is another word: not touched by deleting `good`
    assert texts_of(tokenizer, "goods good", None, {"good"}, keep=False) == ("goods", None)
    # a pair: each sentence loses (or keeps) its own occurrences
    assert texts_of(tokenizer, "a good film", "fine ok", {"good", "ok"}, keep=False) == ("a film", "fine")
    assert texts_of(tokenizer, "a good film", "fine ok", {"fine"}, keep=True) == ("", "fine")


def test_curves_equal_hand_computation(tokenizer):
    examples = [Example("good fine ok bad", None, "x"), Example("good", None, "x")]
    rankings = [["good", "fine", "ok", "bad"], ["good"]]
    curves = quality_curves(Known(), tokenizer, examples, rankings, words(2))
    # example 1: p1(x) = 0.75, ŷ = 1. Delete good → 0.45, good+fine → 0.25; keep good → 0.45
    # (predicts 0), keep good+fine → 0.65 (predicts 1)
    np.testing.assert_allclose(curves[0]["comprehensiveness"], [0.30, 0.50])
    np.testing.assert_allclose(curves[0]["sufficiency"], [0.30, 0.10])
    assert curves[0]["posthoc_accuracy"] == [0.0, 1.0]
    # example 2 has one word: k = 2 deletes (keeps) just it. p1(x) = 0.45, ŷ = 0 (p0 = 0.55);
    # deleted: p0 = 0.85, a negative drop; kept: the same text
    np.testing.assert_allclose(curves[1]["comprehensiveness"], [-0.30, -0.30])
    np.testing.assert_allclose(curves[1]["sufficiency"], [0.0, 0.0], atol=1e-12)
    assert curves[1]["posthoc_accuracy"] == [1.0, 1.0]
    # AOPC: 1/(K+1) Σ_{k=0..K}, the k = 0 term 0
    assert aopc([0.30, 0.50]) == pytest.approx(0.8 / 3)


def test_eraser_bins_are_fractions_of_the_candidate_words_rounded_up():
    bins = quality_steps({"aopc": "bins", "k": 5})
    assert bins == ["1pct", "5pct", "10pct", "20pct", "50pct"] and ERASER_BINS == (1, 5, 10, 20, 50)
    assert [step_size(b, 10) for b in bins] == [1, 1, 1, 2, 5]
    assert [step_size(b, 25) for b in bins] == [1, 2, 3, 5, 13]  # ⌈1.25⌉, ⌈2.5⌉, ⌈12.5⌉
    assert [step_size(b, 200) for b in bins] == [2, 10, 20, 40, 100]
    assert [step_size(b, 1) for b in bins] == [1] * 5  # never an empty bin


def test_aopc_over_eraser_bins_equals_erasers_formula_by_hand(tokenizer, tmp_path):
    """ERASER (DeYoung et al. 2020; its scorer's mean over aopc_thresholds): comprehensiveness
    AOPC = 1/|B| Σ_b [p(ŷ|x) − p(ŷ|x minus the top b %)], sufficiency the same with only the
    top b % kept. Ten candidate words, p1(x) = 0.75 (ŷ = 1); the bins delete 1, 1, 1, 2, 5."""
    text = "good fine ok bad dull film book show trip play"
    ranking = text.split()
    curves = quality_curves(Known(), tokenizer, [Example(text, None, "x")], [ranking],
                            quality_steps({"aopc": "bins"}))[0]
    # delete good → 0.45, good fine → 0.25, the top 5 (good fine ok ...) → 0.15
    np.testing.assert_allclose(curves["comprehensiveness"], [0.30, 0.30, 0.30, 0.50, 0.60])
    # keep good → 0.45, good fine → 0.65, the top 5 → 0.75
    np.testing.assert_allclose(curves["sufficiency"], [0.30, 0.30, 0.30, 0.10, 0.0], atol=1e-12)
    assert curves["posthoc_accuracy"] == [0.0, 0.0, 0.0, 1.0, 1.0]
    assert aopc(curves["comprehensiveness"], bins=True) == pytest.approx((3 * 0.30 + 0.50 + 0.60) / 5)
    assert aopc(curves["sufficiency"], bins=True) == pytest.approx((3 * 0.30 + 0.10) / 5)
    # the summary reads which AOPC applies from the curves file's columns
    path = write_curves_at(tmp_path / "bins.tsv", [curves], quality_steps({"aopc": "bins"}))
    measures = per_item_measures(path)
    assert measures["comprehensiveness_aopc"][0] == pytest.approx(100 * 2.0 / 5, abs=1e-4)
    assert measures["comprehensiveness_20pct"][0] == pytest.approx(50.0, abs=1e-4)
    assert measures["posthoc_accuracy_avg"][0] == pytest.approx(40.0)
    # the k-words option on the same example: k = 1..5, AOPC = 1/(K+1) Σ_{k=0..K}
    curves = quality_curves(Known(), tokenizer, [Example(text, None, "x")], [ranking], words(5))[0]
    np.testing.assert_allclose(curves["comprehensiveness"], [0.30, 0.50, 0.60, 0.60, 0.60])
    measures = per_item_measures(write_curves_at(tmp_path / "words.tsv", [curves], words(5)))
    assert measures["comprehensiveness_aopc"][0] == pytest.approx(100 * 2.6 / 6, abs=1e-4)


def write_curves_at(path, curves, steps):
    write_example_curves(path, curves, steps, regression=False)
    return str(path)


def test_regression_drops_the_predicted_score_and_has_no_posthoc_accuracy(tokenizer):
    class Score(Known):
        regression = True

        def __call__(self, texts_a, texts_b=None):
            return super().__call__(texts_a)[:, 1:]

    curves = quality_curves(Score(), tokenizer, [Example("good fine", None, "1.0")], [["fine", "good"]], words(1))
    assert set(curves[0]) == {"comprehensiveness", "sufficiency"}
    np.testing.assert_allclose(curves[0]["comprehensiveness"], [0.2])  # 0.65 − 0.45
    np.testing.assert_allclose(curves[0]["sufficiency"], [0.3])  # 0.65 − 0.35


def write_curves(path, comprehensiveness, sufficiency, posthoc):
    """A curves file with K = 2 for examples given as [[k=1, k=2], ...] per curve."""
    curves = [{"comprehensiveness": c, "sufficiency": s, "posthoc_accuracy": p}
              for c, s, p in zip(comprehensiveness, sufficiency, posthoc)]
    write_example_curves(path, curves, words(2), regression=False)
    return str(path)


def test_summary_over_seeds_and_comparisons_equal_hand_computation(tmp_path):
    # two explainers, two seeds, three test examples each; comprehensiveness AOPC per
    # example = (c1 + c2) / 3
    data = {
        ("attention", 1): [[0.3, 0.6], [0.0, 0.3], [0.3, 0.3]],
        ("attention", 2): [[0.6, 0.9], [0.3, 0.3], [0.0, 0.3]],
        ("random", 1): [[0.0, 0.3], [0.0, 0.0], [0.3, 0.3]],
        ("random", 2): [[0.0, 0.0], [0.3, 0.3], [0.0, 0.0]],
    }
    runs = []
    for (system, seed), comprehensiveness in data.items():
        path = write_curves(tmp_path / f"{system}_{seed}.tsv", comprehensiveness, [[0.1, 0.0]] * 3,
                            [[1.0, 1.0], [0.0, 1.0], [1.0, 1.0]])
        runs.append({"seed": seed, "explainer": system, "iteration": 1, "path": path})
    outputs = {name: str(tmp_path / f"{name}.tsv") for name in ("table", "per_seed", "comparisons",
                                                                  "comparisons_per_seed")}
    write_quality_summary(runs, ["attention", "random"], 1, (1, 2), outputs, None)
    aopc_of = {key: 100 * np.mean([(a + b) / 3 for a, b in rows]) for key, rows in data.items()}
    per_seed = {(r["explainer"], int(r["seed"])): r for r in read_tsv(outputs["per_seed"])}
    for key, value in aopc_of.items():
        assert float(per_seed[key]["comprehensiveness_aopc"]) == pytest.approx(value, abs=0.006)
        assert float(per_seed[key]["comprehensiveness_1"]) == pytest.approx(
            100 * np.mean([a for a, _ in data[key]]), abs=0.006)
        assert float(per_seed[key]["sufficiency_aopc"]) == pytest.approx(100 * 0.1 / 3, abs=0.006)
        assert float(per_seed[key]["posthoc_accuracy_avg"]) == pytest.approx(100 * 5 / 6, abs=0.006)
    table = {r["explainer"]: r for r in read_tsv(outputs["table"])}
    assert table["attention"]["explained_model"] == "baseline" and table["attention"]["seeds"] == "2"
    values = [aopc_of[("attention", 1)], aopc_of[("attention", 2)]]
    # the CI of a bounded measure: a t-interval on the logit scale of [−100, 100], back-transformed
    logits = [math.log((v + 100) / (100 - v)) for v in values]
    half = scipy.stats.t.ppf(0.975, 1) * np.std(logits, ddof=1) / math.sqrt(2)
    assert float(table["attention"]["comprehensiveness_aopc_mean"]) == pytest.approx(np.mean(values), abs=0.006)
    low = float(table["attention"]["comprehensiveness_aopc_ci_low"])
    assert low == pytest.approx(-100 + 200 / (1 + math.exp(-(np.mean(logits) - half))), abs=0.006)
    # attention vs random, paired over seeds: the t-test of the per-seed differences
    rows = {r["measure"]: r for r in read_tsv(outputs["comparisons"])}
    assert set(rows) == {"comprehensiveness_aopc", "sufficiency_aopc", "posthoc_accuracy_avg"}
    row = rows["comprehensiveness_aopc"]
    deltas = [aopc_of[("attention", s)] - aopc_of[("random", s)] for s in (1, 2)]
    assert (row["system"], row["against"], row["why"]) == ("attention", "random", "same model")
    assert float(row["delta"]) == pytest.approx(np.mean(deltas), abs=0.006)
    assert row["ci_method"] == "seeds+items"  # p and CI from the seeds and the examples' shared noise
    assert (float(row["p_t"]) < 0.05) == (float(row["ci_low"]) > 0 or float(row["ci_high"]) < 0)
    # sufficiency is the same everywhere: no difference, no test
    assert rows["sufficiency_aopc"]["delta"] == "0.00" and rows["sufficiency_aopc"]["p_t"] == ""
    assert len(read_tsv(outputs["comparisons_per_seed"])) == 3 * 2


def test_one_seed_says_the_ci_cannot_be_computed(tmp_path):
    path = write_curves(tmp_path / "a.tsv", [[0.3, 0.6]], [[0.1, 0.0]], [[1.0, 1.0]])
    outputs = {name: str(tmp_path / f"{name}.tsv") for name in ("table", "per_seed", "comparisons",
                                                                  "comparisons_per_seed")}
    write_quality_summary([{"seed": 1, "explainer": "lime", "iteration": 2, "path": path}], ["lime"], 2, (1,), outputs)
    row = read_tsv(outputs["table"])[0]
    assert row["explained_model"] == "lime/1" == explained_model("lime", 2)
    assert row["comprehensiveness_aopc_ci_low"] == "NA" and row["comprehensiveness_aopc"] == "30.00"
    assert "one seed" in row["note"]


def test_chunks_change_nothing(tokenizer):
    examples = [Example(text, None, "x") for text in ("good fine ok bad", "good", "ok fine", "bad ok good")]
    rankings = [["good", "fine", "ok", "bad"], ["good"], ["ok", "fine"], ["bad", "good", "ok"]]
    whole = quality_curves(Known(), tokenizer, examples, rankings, words(3))
    assert quality_curves(Known(), tokenizer, examples, rankings, words(3), chunk=3) == whole
    with pytest.raises(ValueError, match="3 rankings for 4 examples"):
        quality_curves(Known(), tokenizer, examples, rankings[:3], words(3))


def test_the_scc_chain_is_explained_on_the_scc_model():
    from ielearn.classify.quality_summary import quality_comparisons

    assert explained_model("scc", 1) == "scc/0" and explained_model("attention", 1) == "baseline"
    whys = {(c.arm.system, c.against.system): c.why
            for _, c in quality_comparisons(["attention", "scc", "random"], 1, ["comprehensiveness_aopc"])}
    assert whys == {("attention", "scc"): "same iteration", ("attention", "random"): "same model",
                    ("scc", "random"): "same iteration"}
