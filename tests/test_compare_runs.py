"""An arm of one run against an arm of another run (ielearn.compare_runs): paired over the
common seeds; seeds only it is scipy's paired t-test, with both runs' item records it carries
the items too; a seed whose baselines differ between the runs is left out and named; a
different test set, a missing arm or no common seed is one clear error."""

import gzip
import shutil

import pytest
from scipy import stats

from conftest import REPO
from ielearn.compare_runs import compare_runs, main, parse_arm
from ielearn.design import Arm
from ielearn.errors import UserError
from ielearn.inference.power import minimum_detectable_effect, seeds_needed
from ielearn.io import read_tsv
from test_recompute import tiny_tables


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("compare_runs")
    return tiny_tables(base / "a", [1, 2, 3], "tiny")[0], tiny_tables(base / "b", [2, 3, 4], "tiny")[0]


def _bleu(folder, system, iteration):
    return {int(r["seed"]): float(r["test_bleu"]) for r in read_tsv(folder / "scores_per_seed.tsv")
            if (r["system"], r["iteration"]) == (system, str(iteration))}


def test_seeds_only_it_is_the_paired_t_test_over_the_common_seeds(runs, tmp_path):
    a, b = runs
    bare = tmp_path / "tiny"
    shutil.copytree(a, bare)
    (bare / "items_per_seed.tsv.gz").unlink()
    result, decision, metric, _ = compare_runs(bare, Arm("attention", 2), b, Arm("attention", 1), REPO / "config.yaml")
    first, second = _bleu(a, "attention", 2), _bleu(b, "attention", 1)
    assert [d.seed for d in result.per_seed] == [2, 3] and metric == "BLEU"
    assert result.seed_level.mean == pytest.approx((first[2] - second[2] + first[3] - second[3]) / 2)
    assert result.seed_level.p == pytest.approx(stats.ttest_rel([first[2], first[3]], [second[2], second[3]]).pvalue)
    assert result.seed_level.ci_method == "seeds" and decision.family == "check"


def test_with_both_runs_items_it_carries_the_items(runs, capsys):
    a, b = runs
    result, decision, _, _ = compare_runs(a, Arm("attention", 2), b, Arm("none", 1), REPO / "config.yaml")
    level = result.seed_level
    assert level.ci_method == "seeds+items" and (level.p < 0.05) == (level.ci_low > 0 or level.ci_high < 0)
    main([str(a), "attention/2", str(b), "none/1", "--config", str(REPO / "config.yaml"), "--margin", "0.5"])
    line, power = capsys.readouterr().out.strip().splitlines()
    assert line.startswith("tiny attention/2 − tiny none/1, test BLEU, 2 seed(s), seeds+items: Δ = ")
    assert any(word in line for word in ("gain shown", "loss shown", "equivalent within ±0.5", "inconclusive"))
    # the plan ielearn.power makes for a family of one, at the margin given
    _, decision, _, _ = compare_runs(a, Arm("attention", 2), b, Arm("none", 1), REPO / "config.yaml", margin=0.5)
    needed = seeds_needed(level.spread, 0.5, 0.05)
    assert power == (f"MDE {minimum_detectable_effect(level.spread, 2, 0.05):.2f} (80 % power, 2 seeds); "
                     f"a true Δ of 0.5: " + (f"{needed} seeds" if needed else "more seeds than any run: "
                                             "the test-item noise caps the power; a larger test set would help"))
    assert decision.mde == minimum_detectable_effect(level.spread, 2, 0.05)


def test_another_test_set_a_missing_arm_or_no_common_seed_is_one_clear_error(runs, tmp_path):
    a, b = runs
    short = tmp_path / "tiny"
    shutil.copytree(b, short)
    with gzip.open(b / "items_per_seed.tsv.gz", "rt") as handle:
        lines = handle.read().splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split("\t")[3] != "29"]  # drop test item 29
    with gzip.open(short / "items_per_seed.tsv.gz", "wt") as handle:
        handle.write("\n".join(kept) + "\n")
    with pytest.raises(UserError, match=r"seed 2: .* has 30 test items, .* 29: not the same test set"):
        compare_runs(a, Arm("attention", 1), short, Arm("attention", 1), REPO / "config.yaml")
    with pytest.raises(UserError, match=r"no scores of shap/1"):
        compare_runs(a, Arm("shap", 1), b, Arm("attention", 1), REPO / "config.yaml")
    with pytest.raises(UserError, match="not an arm"):
        parse_arm("attention")
    only_four = tmp_path / "four" / "tiny"
    only_four.parent.mkdir()
    shutil.copytree(b, only_four)
    rows = (b / "scores_per_seed.tsv").read_text().splitlines()
    (only_four / "scores_per_seed.tsv").write_text("\n".join([rows[0], *[r for r in rows[1:] if r.startswith("4\t")]]) + "\n")
    with pytest.raises(UserError, match=r"\(\[1, 2, 3\]\) and .* \(\[4\]\) have no seed in common"):
        compare_runs(a, Arm("attention", 1), only_four, Arm("attention", 1), REPO / "config.yaml")


def _with_other_baseline(run, folder, seeds):
    """A copy of `run` whose baseline (attention/0) of `seeds` scored 1 BLEU more on test."""
    shutil.copytree(run, folder)
    rows = (run / "scores_per_seed.tsv").read_text().splitlines()
    edited = [rows[0]]
    for row in rows[1:]:
        seed, system, iteration, valid, test = row.split("\t")
        if int(seed) in seeds and (system, iteration) == ("attention", "0"):
            test = f"{float(test) + 1:.2f}"
        edited.append("\t".join([seed, system, iteration, valid, test]))
    (folder / "scores_per_seed.tsv").write_text("\n".join(edited) + "\n")
    return folder


def test_a_seed_whose_baselines_differ_is_left_out_and_named(runs, tmp_path, capsys):
    a, b = runs
    other = _with_other_baseline(b, tmp_path / "other" / "tiny", seeds={2})
    result, _, _, left_out = compare_runs(a, Arm("attention", 1), other, Arm("attention", 1), REPO / "config.yaml")
    assert [d.seed for d in result.per_seed] == [3]
    assert list(left_out) == [2] and left_out[2].startswith("its baselines differ (valid ")
    kept, _, _, none_left = compare_runs(a, Arm("attention", 1), other, Arm("attention", 1), REPO / "config.yaml",
                                         any_baseline=True)
    assert [d.seed for d in kept.per_seed] == [2, 3] and none_left == {}
    main([str(a), "attention/1", str(other), "attention/1", "--config", str(REPO / "config.yaml")])
    lines = capsys.readouterr().out.strip().splitlines()
    assert ", 1 seed(s), " in lines[0] and lines[-1].startswith("seed 2 left out: its baselines differ")
    every = _with_other_baseline(b, tmp_path / "every" / "tiny", seeds={2, 3})
    with pytest.raises(UserError, match=r"no common seed trained the same baseline in both \(seed 2: .*; seed 3: "):
        compare_runs(a, Arm("attention", 1), every, Arm("attention", 1), REPO / "config.yaml")


def test_the_committed_eta_comparison_is_what_compare_runs_prints(capsys):
    results = REPO / "docs/results"
    main([str(results / "gettext_positions"), "attention/1", str(results / "gettext"), "attention/1",
          "--config", str(REPO / "config.yaml")])
    assert capsys.readouterr().out == (results / "gettext_positions/compared_with_gettext.txt").read_text()
