"""The SCC system in the classification summary and verdict (hand-made scores): one row at
iteration 0, compared with the baseline, with `none` at iteration 1 and with each explainer
at its validation pick (ielearn/design.py)."""

from ielearn.classify.report import plot_series
from ielearn.classify.summary import write_classification_summary
from ielearn.classify.tasks import SYNTHETIC
from ielearn.design import classification_design
from test_classify_report import HEADER, ROWS
from test_classify_summary import RUNS, make_run, read_tsv

# (seed, system, iteration, valid accuracy, test examples right of 20)
SCC_RUNS = [(1, "scc", 0, 0.6, 15), (2, "scc", 0, 0.7, 17)]


def test_scc_is_one_row_compared_with_the_baseline_none_and_the_explainers_pick(tmp_path):
    design = classification_design({"explainers": ["attention"], "controls": ["none"], "bootstrap": 2,
                                    "seeds": [1, 2], "scc": {"enabled": True}})
    runs = [make_run(tmp_path, *run) for run in RUNS + SCC_RUNS]
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons",
                                                           "comparisons_per_seed", "verdict")}
    text = write_classification_summary(design, runs, SYNTHETIC, outputs, {"ar_trials": 19})
    table = {(r["system"], r["iteration"]): r for r in read_tsv(outputs["table"])}
    scc = table[("scc", "0")]
    assert (scc["test_mean"], scc["test_sd"]) == ("80.00", "7.07")  # 15 and 17 of 20
    assert scc["delta_baseline"] == "30.00"  # 5 and 7 more right than the baseline's 10: 25, 35
    assert scc["delta_none"] == "15.00"  # none/1: 12 and 14 right → 3 more in both seeds
    assert scc["delta_random"] == ""
    comparisons = {(r["system"], r["iteration"], r["against"], r["against_iteration"]): r
                   for r in read_tsv(outputs["comparisons"])}
    # attention's validation pick is iteration 1 (valid 0.75 on average)
    expected = {("scc", "0", "baseline", "0"), ("scc", "0", "none", "1"), ("scc", "0", "attention", "1")}
    assert expected <= set(comparisons)
    assert "scc (trained from the pretrained encoder): test accuracy 80.00 ± 7.07" in text
    assert "  vs none at iteration 1: Δ = +15.00" in text
    assert "  vs attention at its validation pick, iteration 1: Δ = -5.00" in text  # 16, 18 right
    scc_lines = text.splitlines()[text.splitlines().index("scc (trained from the pretrained encoder): test accuracy "
                                                          "80.00 ± 7.07") + 1:][:3]
    assert [line.split(":")[0] for line in scc_lines] == ["  vs baseline", "  vs none at iteration 1",
                                                          "  vs attention at its validation pick, iteration 1"]
    answers = (": gain shown", ": loss shown", ": equivalent within", ": inconclusive (the CI allows from", ": no test")
    assert all(any(answer in line for answer in answers) for line in scc_lines)


def test_the_plot_draws_the_scc_chain_from_the_scc_model_not_from_the_baseline():
    scc = [["scc", "0", "2", "55.00", "1.00", "80.00", "1.00", "no", "0.01", "0.2"],
           ["scc", "1", "2", "56.00", "1.00", "81.00", "1.00", "no", "0.01", "0.2"]]
    series = plot_series([dict(zip(HEADER, row)) for row in ROWS + scc])
    assert series["scc"] == [(0, 80.0, 1.0), (1, 81.0, 1.0)]
    chain_control = [["none@scc", "1", "2", "55.00", "1.00", "79.00", "1.00", "no", "0.01", "0.2"]]
    series = plot_series([dict(zip(HEADER, row)) for row in ROWS + scc + chain_control])
    assert series["none@scc"] == [(0, 80.0, 1.0), (1, 79.0, 1.0)]
    assert series["attention"][0] == (0, 75.0, 2.0)  # the others still start at the baseline


# the scc explainer's chain (bootstrap 1): scc/1 and its own control none@scc/1, both
# fine-tuned from scc/0
SCC_CHAIN_RUNS = [(1, "scc", 1, 0.65, 16), (2, "scc", 1, 0.75, 18),
                  (1, "none@scc", 1, 0.6, 15), (2, "none@scc", 1, 0.7, 17)]


def test_the_scc_words_are_compared_with_their_own_start_and_control_and_say_so(tmp_path):
    design = classification_design({"explainers": ["attention", "scc"], "controls": ["none"], "bootstrap": 1,
                                    "seeds": [1, 2], "scc": {"enabled": True}})
    chain = [run for run in RUNS if run[2] <= 1]
    runs = [make_run(tmp_path, *run) for run in chain + SCC_RUNS + SCC_CHAIN_RUNS]
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons",
                                                           "comparisons_per_seed", "verdict")}
    text = write_classification_summary(design, runs, SYNTHETIC, outputs, {"ar_trials": 19})
    table = {(r["system"], r["iteration"]): r for r in read_tsv(outputs["table"])}
    # scc/1 − none@scc/1: 16 − 15 and 18 − 17 of 20 right, +5 points in both seeds; never none/1
    assert table[("scc", "1")]["delta_none"] == "5.00"
    comparisons = {(r["system"], r["iteration"], r["against"], r["against_iteration"]): r["family"]
                   for r in read_tsv(outputs["comparisons"])}
    assert comparisons[("scc", "1", "none@scc", "1")] == "primary"
    assert comparisons[("scc", "1", "scc", "0")] == "exploratory"
    assert not any(key[:3] == ("scc", "1", "none") for key in comparisons)
    assert "scc, iteration 1 (a different model: scc's model 0 fine-tuned on its own words" in text
    assert "  vs its own start, scc/0: Δ = +5.00" in text  # 16 − 15, 18 − 17
    assert "scc/1 vs none@scc/1 (2 seed(s))" in text
    assert "scc/1: vs none@scc/1 " in text.splitlines()[-1]
