"""IMPACTX in the classification summary and verdict (hand-made scores): its model 0 and its
three controls are rows of their own; the primary family is IMPACTX against the baseline and
each control, stated first; its exploratory line keeps the "different model, extra capacity"
caveat and names each control's role (ielearn/design.py, ielearn/inference/verdict.py)."""

import pytest

from ielearn.design import classification_design
from test_classify_summary import RUNS, make_run, summarise_design

# (seed, system, iteration, valid accuracy, test examples right of 20); the baseline has 10
IMPACTX_RUNS = [(1, "impactx", 0, 0.6, 15), (2, "impactx", 0, 0.7, 17),
                (1, "lambda_zero@impactx", 0, 0.6, 14), (2, "lambda_zero@impactx", 0, 0.6, 14),
                (1, "shuffled_maps@impactx", 0, 0.6, 13), (2, "shuffled_maps@impactx", 0, 0.6, 15),
                (1, "random_maps@impactx", 0, 0.6, 15), (2, "random_maps@impactx", 0, 0.6, 17)]


def test_impactx_its_controls_and_the_primary_question_in_the_tables_and_the_verdict(tmp_path):
    design = classification_design({"explainers": ["attention"], "controls": ["none"], "bootstrap": 2,
                                    "seeds": [1, 2], "impactx": {"enabled": True}})
    runs = [make_run(tmp_path, *run) for run in RUNS + IMPACTX_RUNS]
    rows, _, comparison_rows, text = summarise_design(tmp_path, design, runs, {"ar_trials": 19})
    table = {(r["system"], r["iteration"]): r for r in rows}
    assert table[("impactx", "0")]["delta_baseline"] == "30.00"  # 5 and 7 more right of 20
    assert (table[("lambda_zero@impactx", "0")]["test_mean"], table[("lambda_zero@impactx", "0")]["test_sd"]) == (
        "70.00", "0.00")
    comparisons = {(r["system"], r["against"]): r for r in comparison_rows}
    for control, delta in (("lambda_zero@impactx", 10.0), ("shuffled_maps@impactx", 10.0),
                           ("random_maps@impactx", 0.0)):  # (15-14 + 17-14) / 2 of 20, ...
        row = comparisons[("impactx", control)]
        assert (row["family"], row["why"]) == ("primary", "same architecture")
        assert float(row["delta"]) == pytest.approx(delta)
    assert comparisons[("impactx", "baseline")]["family"] == "primary"
    assert comparisons[("attention", "none")]["family"] == "exploratory"
    lines = text.splitlines()
    primary = lines[lines.index(next(line for line in lines if line.startswith("primary question"))) + 1:][:4]
    assert [line.split(" (")[0].strip() for line in primary] == [
        "impactx/0 vs baseline/0", "impactx/0 vs lambda_zero@impactx/0", "impactx/0 vs shuffled_maps@impactx/0",
        "impactx/0 vs random_maps@impactx/0"]
    heading = next(line for line in lines if line.startswith("impactx (trained"))
    assert "a different model" in heading and "may be extra capacity" in heading
    assert "lambda_zero@impactx: λ = 0: no explanation target" in heading
    after = lines[lines.index(heading) + 1:]
    assert after[0].startswith("  vs none at iteration 1")  # the primary ones are not repeated as exploratory
    assert text.splitlines()[-1].startswith("answer to the primary question: impactx/0: vs baseline/0 ")
