"""The summary over seeds on hand-made score and significance files: mean ± sd, pooled
p-values, the validation pick and the verdict."""

import csv
import json
import math

import pytest

from ielearn.aggregate import format_mean_sd, mean_sd, pooled_p
from ielearn.summary import COLUMNS, summary_rows, verdict, write_summary


def score_file(path, score):
    path.write_text(json.dumps({"name": "BLEU", "score": score}))
    return path


def runs_from(directory, table):
    """(seed, system, k, valid path, test path) from (seed, system, k, valid, test) tuples."""
    return [(seed, system, k, score_file(directory / f"{i}v", valid), score_file(directory / f"{i}t", test))
            for i, (seed, system, k, valid, test) in enumerate(table)]


def significance_file(path, rows):
    """rows: (system label, against label, p_bs, p_ar)."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["system", "against", "bleu", "against_bleu", "p_bs", "p_ar", "signature_bs", "signature_ar"])
        for system, against, p_bs, p_ar in rows:
            writer.writerow([system, against, 0, 0, p_bs, p_ar, "nrefs:1|bs:1000|seed:12345", "nrefs:1|ar:1000|seed:12345"])
    return path


def test_mean_sd_is_the_sample_sd_and_unknown_for_one_seed():
    assert mean_sd([10.0, 12.0]) == (11.0, pytest.approx(math.sqrt(2)))
    mean, sd = mean_sd([7.5])
    assert mean == 7.5 and math.isnan(sd)
    assert format_mean_sd(11.0, math.sqrt(2)) == "11.00 ± 1.41"
    assert format_mean_sd(7.5, math.nan) == "7.50"


def test_pooled_p_is_fishers_method():
    # Fisher: X = -2 Σ ln p ~ χ²(2n); for n = 2 the survival function is e^(-X/2) (1 + X/2)
    x = -2 * 2 * math.log(0.05)
    assert pooled_p([0.05, 0.05]) == pytest.approx(math.exp(-x / 2) * (1 + x / 2))
    assert pooled_p([0.3]) == 0.3


def test_table_aggregates_seeds_and_pools_p_values(tmp_path):
    runs = runs_from(tmp_path, [
        (1, "attention", 0, 20.0, 21.0), (1, "attention", 1, 22.0, 23.0), (1, "none", 1, 21.0, 22.0),
        (2, "attention", 0, 22.0, 23.0), (2, "attention", 1, 24.0, 27.0), (2, "none", 1, 23.0, 22.0),
    ])
    significance = [
        significance_file(tmp_path / "s1.tsv", [("attention/1", "attention/0", 0.04, 0.06),
                                                ("none/1", "attention/0", 0.5, 0.6),
                                                ("attention/1", "none/1", 0.2, 0.3)]),
        significance_file(tmp_path / "s2.tsv", [("attention/1", "attention/0", 0.01, 0.02),
                                                ("none/1", "attention/0", 0.9, 0.8),
                                                ("attention/1", "none/1", 0.001, 0.002)]),
    ]
    text = write_summary(runs, significance, tmp_path / "summary.tsv", tmp_path / "per_seed.tsv", tmp_path / "verdict.txt")
    with open(tmp_path / "summary.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert list(rows[0]) == COLUMNS
    assert [(r["system"], r["iteration"], r["seeds"]) for r in rows] == [
        ("attention", "0", "2"), ("attention", "1", "2"), ("none", "1", "2")]
    attention = rows[1]
    assert float(attention["test_mean"]) == 25.0
    assert float(attention["test_sd"]) == pytest.approx(math.sqrt(8), abs=0.01)
    assert float(attention["valid_mean"]) == 23.0
    assert float(attention["p_baseline_bs"]) == pytest.approx(pooled_p([0.04, 0.01]), rel=1e-3)
    assert float(attention["p_none_ar"]) == pytest.approx(pooled_p([0.3, 0.002]), rel=1e-3)
    assert attention["p_random_bs"] == "" and rows[0]["p_baseline_bs"] == ""
    assert attention["picked_by_valid"] == "*" and rows[0]["picked_by_valid"] == ""
    per_seed = (tmp_path / "per_seed.tsv").read_text().splitlines()
    assert per_seed[0] == "seed\tsystem\titeration\tvalid_bleu\ttest_bleu"
    assert per_seed[5] == "2\tattention\t1\t24.00\t27.00"
    assert "2 seed(s)" in text and "sacrebleu signature: nrefs:1|bs:1000|seed:12345" in text
    assert "test BLEU 25.00 ± 2.83 (+3.00 vs baseline" in text
    assert "verdict: attention words beat the baseline and every control significantly" in text


def rows_for(table, significance=()):
    """Rows of one seed from (system, k, valid, test); significance: (system, against, p)."""
    scores = [{"seed": 1, "system": s, "iteration": k, "valid_bleu": v, "test_bleu": t}
              for s, k, v, t in table]
    return summary_rows(scores, [{"system": s, "against": a, "p_bs": p, "p_ar": p}
                                 for s, a, p in significance])


def test_a_tie_on_validation_goes_to_the_earlier_iteration():
    rows = rows_for([("attention", 0, 20.0, 21.0), ("attention", 1, 25.0, 22.0),
                               ("attention", 2, 25.0, 30.0), ("random", 1, 24.0, 23.0)])
    assert [(r["system"], r["iteration"]) for r in rows if r["picked_by_valid"]] == [
        ("attention", 1), ("random", 1)]


def test_verdict_names_each_way_the_words_can_fail():
    # the pilot's pattern: attention words beat the baseline, but plain continued training
    # does as well, so the gain is extra training
    text = verdict(rows_for([("attention", 0, 18.0, 18.6), ("attention", 1, 21.0, 21.3),
                                       ("random", 1, 24.0, 24.7), ("none", 1, 24.5, 24.8)],
                            [("attention/1", "attention/0", 0.001), ("attention/1", "random/1", 0.01),
                             ("attention/1", "none/1", 0.01)]))
    assert "test BLEU 21.30 (+2.70 vs baseline, p = 0.001)" in text
    assert "not clearly the random, none control(s)" in text
    assert "one seed" in text
    text = verdict(rows_for([("attention", 0, 30.0, 30.0), ("attention", 1, 29.0, 31.0)]))
    assert "validation picks the baseline" in text
    text = verdict(rows_for([("attention", 0, 30.0, 30.0), ("attention", 1, 31.0, 29.0)]))
    assert "did NOT improve test BLEU" in text
    text = verdict(rows_for([("attention", 0, 30.0, 30.0), ("attention", 1, 31.0, 30.4)],
                            [("attention/1", "attention/0", 0.3)]))
    assert "+0.40, which is not significant (p = 0.3)" in text
