"""The statistics against hand-computed cases and independent references (scipy, sacrebleu)."""

import math
import random

import numpy as np
import pytest
from scipy import stats
from sacrebleu.metrics import BLEU as SacreBLEU
from sacrebleu.significance import PairedTest

from ielearn.inference.holm import holm
from ielearn.inference.item_tests import randomization_test
from ielearn.inference.scorers import ACCURACY, BLEU, AdditiveScorer, RowScorer, accuracy_items, bleu_items
from ielearn.inference.seed_tests import Spread, item_spread, pseudo_values, seed_level


def test_seed_level_is_scipys_paired_t_test_and_its_interval():
    system, other = [36.2, 33.6, 37.4], [34.4, 31.3, 34.9]
    deltas = np.subtract(system, other)
    level = seed_level(deltas)
    assert level.p == pytest.approx(stats.ttest_rel(system, other).pvalue)
    assert level.mean == pytest.approx(np.mean(deltas))
    low, high = stats.t.interval(0.95, 2, loc=np.mean(deltas), scale=stats.sem(deltas))
    assert (level.ci_low, level.ci_high) == (pytest.approx(low), pytest.approx(high))


def test_one_seed_or_a_constant_difference_has_no_test():
    one = seed_level([1.5])
    assert math.isnan(one.p) and math.isnan(one.ci_low) and "one seed" in one.note
    same = seed_level([0.5, 0.5, 0.5])
    assert math.isnan(same.p) and "same in every seed" in same.note


def test_holm_by_hand():
    # sorted 0.01, 0.02, 0.04 (and nan): 3 × 0.01, max(0.03, 2 × 0.02), max(0.04, 1 × 0.04)
    adjusted = holm([0.04, 0.01, math.nan, 0.02])
    assert adjusted[:2] == [pytest.approx(0.04), pytest.approx(0.03)] and math.isnan(adjusted[2])
    assert adjusted[3] == pytest.approx(0.04)
    assert holm([0.5, 0.6]) == [pytest.approx(1.0), pytest.approx(1.0)]


def _corpus(rng, count, rate, references, vocabulary):
    return [" ".join(w if rng.random() > rate else rng.choice(vocabulary) for w in r.split()) for r in references]


@pytest.fixture(scope="module")
def corpus():
    rng = random.Random(11)
    vocabulary = [f"w{i}" for i in range(30)]
    references = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 12))) for _ in range(80)]
    return references, {name: _corpus(rng, 80, rate, references, vocabulary)
                        for name, rate in (("base", 0.45), ("better", 0.3), ("close", 0.44))}


def test_bleu_from_sentence_statistics_is_sacrebleus_corpus_bleu(corpus):
    references, systems = corpus
    for hypotheses in systems.values():
        expected = SacreBLEU(tokenize="13a").corpus_score(hypotheses, [references]).score
        assert BLEU.score(bleu_items(hypotheses, references)) == pytest.approx(expected, abs=1e-9)


def test_bleu_of_summed_statistics_matches_sacrebleu_on_edge_cases():
    metric, rng = SacreBLEU(tokenize="13a"), np.random.default_rng(0)
    for _ in range(500):  # orders without n-grams, without matches, short outputs
        total = np.sort(rng.integers(0, 6, size=4))[::-1]
        stats_ = np.array([rng.integers(0, 8), rng.integers(0, 8), *np.minimum(rng.integers(0, 4, size=4), total), *total])
        expected = metric._compute_score_from_stats(list(stats_)).score
        assert BLEU.from_sums(stats_.astype(float)) == pytest.approx(expected, abs=1e-9)


def test_randomization_p_is_sacrebleus_paired_ar_with_the_same_draw(corpus, monkeypatch):
    references, systems = corpus
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    test = PairedTest([("base", systems["base"]), ("better", systems["better"]), ("close", systems["close"])],
                      {"BLEU": SacreBLEU(tokenize="13a")}, [references], test_type="ar", n_samples=300)
    _, scores = test()
    theirs = {name: r.p_value for name, r in zip(scores["System"][1:], scores["BLEU"][1:])}
    base = bleu_items(systems["base"], references)
    for name in ("better", "close"):
        delta, p = randomization_test(BLEU, bleu_items(systems[name], references), base, 300, 7)
        assert p == pytest.approx(theirs[name])
        assert delta == pytest.approx(scores["BLEU"][["base", "better", "close"].index(name)].score
                                      - scores["BLEU"][0].score)
    assert theirs["better"] < 0.05 < theirs["close"]  # both kinds of outcome are compared


def test_a_system_against_itself_is_never_significant():
    items = accuracy_items([1, 0, 1, 1] * 25)
    assert randomization_test(ACCURACY, items, items.copy(), 200)[1] == 1.0


def test_row_scorer_agrees_with_the_additive_one():
    rng = np.random.default_rng(3)
    a, b = accuracy_items(rng.random(60) < 0.7), accuracy_items(rng.random(60) < 0.6)
    rows = RowScorer(lambda records: 100 * records[:, 0].mean())
    assert randomization_test(rows, a, b, 99, 4) == pytest.approx(randomization_test(ACCURACY, a, b, 99, 4))
    assert rows.leave_one_out(a) == pytest.approx(ACCURACY.leave_one_out(a))


MEAN = AdditiveScorer(lambda sums: sums[..., 0] / sums[..., 1])


def _values(rows):
    return [np.column_stack([np.asarray(row, dtype=float), np.ones(len(row))]) for row in rows]


def test_pseudo_values_of_a_mean_are_the_items():
    rng = np.random.default_rng(4)
    right = rng.random(30) < 0.6
    assert pseudo_values(ACCURACY, accuracy_items(right)) == pytest.approx(100.0 * right)


def test_the_variance_parts_by_hand():
    """Two seeds, three items, per-item differences d = [[4, 0, 2], [5, 1, 3]]: seed means 2
    and 3, item means 4.5, 0.5, 2.5, no seed × item residual. MS_item = 2 · (4 + 4 + 0) / 2 = 8,
    MS_resid = 0, so shared = 8 / (2 · 3) = 4/3; s² of Δ = (2, 3) is 0.5. SE² = 0.5 / 2 + 4/3;
    Satterthwaite: (MS_seed + MS_item − MS_resid)² / (MS_seed² / 1 + MS_item² / 2) with
    MS_seed = 3 · 0.5 = 1.5: 9.5² / (2.25 + 32)."""
    a, b = _values([[4, 0, 2], [5, 1, 3]]), _values([[0, 0, 0], [0, 0, 0]])
    spread = item_spread(MEAN, [2.0, 3.0], a, b)
    assert (spread.s2, spread.shared, spread.resid, spread.items) == (
        pytest.approx(0.5), pytest.approx(4 / 3), pytest.approx(0.0, abs=1e-12), 3)
    level = seed_level([2.0, 3.0], spread)
    assert level.se ** 2 == pytest.approx(0.25 + 4 / 3) and level.df == pytest.approx(9.5 ** 2 / 34.25)
    assert level.p == pytest.approx(2 * stats.t.sf(2.5 / math.sqrt(0.25 + 4 / 3), 9.5 ** 2 / 34.25))
    low, high = stats.t.interval(0.95, level.df, loc=2.5, scale=level.se)
    assert (level.ci_low, level.ci_high) == (pytest.approx(low), pytest.approx(high))


def test_the_ci_excludes_0_exactly_when_p_is_below_5_percent():
    rng = np.random.default_rng(8)
    for _ in range(200):
        spread = Spread(rng.uniform(0.1, 4), rng.choice([0.0, rng.uniform(0, 2)]), rng.uniform(0, 3), 300)
        level = seed_level(rng.normal(rng.uniform(-2, 2), 1.5, size=rng.integers(2, 8)), spread)
        assert (level.p < 0.05) == (not level.ci_low <= 0 <= level.ci_high)


def test_without_item_noise_the_test_is_the_paired_t_test():
    """Items that differ the same way in every seed and every item: nothing shared."""
    a = _values([np.full(40, v) for v in (3.0, 5.0, 4.5)])
    b = _values([np.full(40, 1.0)] * 3)
    deltas = [2.0, 4.0, 3.5]
    level = seed_level(deltas, item_spread(MEAN, deltas, a, b))
    assert level.spread.shared == pytest.approx(0.0, abs=1e-12) and level.df == 2
    assert level.p == pytest.approx(stats.ttest_1samp(deltas, 0).pvalue)


def test_an_item_effect_every_seed_shares_widens_the_ci():
    """Arm A is right on the first half of the items in every seed, B on the second half: the
    seeds agree perfectly, but another test set could favour either arm."""
    right = np.r_[np.ones(50), np.zeros(50)]
    a = [accuracy_items(right)] * 3
    b = [accuracy_items(1 - right)] * 2 + [accuracy_items(np.r_[np.zeros(49), np.ones(51)])]
    deltas = [0.0, 0.0, -1.0]
    spread = item_spread(ACCURACY, deltas, a, b)
    # per item Δ is ±100, so over 100 items mean Δ has variance about 100² / 100
    assert spread.shared == pytest.approx(100.0, rel=0.05)
    level = seed_level(deltas, spread)
    assert level.se > 10 * stats.sem(deltas) and level.p > 0.9
