"""The real DAG on the tiny demo: bootstrap_2 with both controls, caching and --forcerun."""

import csv
import json
import statistics

import pytest

from conftest import TINY_CONFIG, TINY_EXPERIMENT, run_snakemake
from ielearn.nmt.compute import checkpoint_lr, read_compute
from test_dag import job_counts

pytestmark = pytest.mark.e2e


def test_bootstrap_bleu_is_sacrebleu_json(tiny_run):
    for k in range(3):
        record = json.loads((tiny_run / f"results/tiny/bootstrap_{k}.bleu").read_text())
        assert record["name"] == "BLEU"
        assert 0 <= record["score"] <= 100
        assert "tok:13a" in record["signature"] and "version:" in record["signature"]


def test_summary_lists_every_system_and_iteration(tiny_run):
    with open(tiny_run / "results/tiny/summary.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [(row["system"], row["iteration"], row["seeds"]) for row in rows] == [
        ("baseline", "0", "2"), ("attention", "1", "2"), ("attention", "2", "2"),
        ("random", "1", "2"), ("none", "1", "2"),
    ]
    # attention's pick: one of its iterations, or its model 0, the baseline's row
    assert sum(row["picked_by_valid"] == "yes" for row in rows if row["system"] in ("baseline", "attention")) == 1
    seed_scores = [json.loads((tiny_run / f"results/{run}/bootstrap_2.bleu").read_text())["score"]
                   for run in ("tiny", "tiny/seed_2")]
    assert float(rows[2]["test_mean"]) == pytest.approx(statistics.fmean(seed_scores), abs=0.01)
    assert float(rows[2]["test_sd"]) == pytest.approx(statistics.stdev(seed_scores), abs=0.01)
    assert rows[0]["delta_baseline"] == "" and rows[1]["delta_baseline"] != ""
    assert rows[1]["delta_none"] != "" and rows[2]["delta_none"] == ""  # the controls stop at 1
    verdict = (tiny_run / "results/tiny/verdict.txt").read_text()
    assert verdict.startswith("2 seed(s)")
    assert "\nanswer to the primary question: attention/1: vs random/1 " in verdict


def test_faithfulness_of_every_model_over_both_seeds(tiny_run):
    """Every model of the main system (iterations 0..2), both seeds; every test sentence."""
    import math

    results = tiny_run / "results/tiny"
    with open(results / "faithfulness.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [(row["iteration"], row["seeds"]) for row in rows] == [("0", "2"), ("1", "2"), ("2", "2")]
    for row in rows:
        for measure in ("drop_attended", "drop_random", "drop_matched"):
            assert math.isfinite(float(row[f"{measure}_mean"]))
        assert float(row["drop_attended_ci_low"]) <= float(row["drop_attended_mean"])
    for here in ("iter_0", "iter_2", "seed_2/iter_1"):
        with open(results / here / "faithfulness/test.tsv", newline="") as handle:
            scored = list(csv.DictReader(handle, delimiter="\t"))
        assert [int(r["id"]) for r in scored] == list(range(TINY_CONFIG["datasets"]["tiny"]["sizes"]["test"]))
        assert all(float(r["logprob_full"]) <= 0 for r in scored)
        assert sum(r["masked_attended"] != "0" for r in scored) > len(scored) / 2  # empty hypotheses attend nowhere
    with open(results / "faithfulness_comparisons.tsv", newline="") as handle:
        comparisons = list(csv.DictReader(handle, delimiter="\t"))
    assert [(c["measure"], c["system"], c["against"], c["iteration"], c["seeds"]) for c in comparisons] == [
        ("logprob_drop", "attended", floor, str(k), "2") for k in range(3) for floor in ("random", "matched")]
    comparisons = [c for c in comparisons if c["against"] == "random"]  # the floor the verdict reads
    # in words (a report section): model k's words are iteration k+1's; BLEU gains only where
    # the controls ran (iteration 1), and nothing is said of a comparison that did not run
    verdict = (results / "faithfulness_verdict.txt").read_text()
    assert verdict.startswith("2 seed(s).")
    blocks = verdict.split("\nattention, iteration ")[1:]
    assert [b.split(" ", 1)[0] for b in blocks] == ["1", "2", "3"]
    for k, (block, row) in enumerate(zip(blocks, comparisons)):
        assert f"log-probability drop (higher = more faithful): Δ = {float(row['delta']):+.2f}" in block
        assert ("vs none (continued training without words) at iteration 1" in block) == (k == 0)
        assert f"\nAt iteration {k + 1}: " in block
    with open(results / "comparisons.tsv", newline="") as handle:
        bleu = {(c["system"], c["iteration"], c["against"]): c for c in csv.DictReader(handle, delimiter="\t")}
    assert f"at iteration 1: Δ = {float(bleu['attention', '1', 'none']['delta']):+.2f}" in blocks[0]


def test_each_seed_is_a_full_replicate(tiny_run):
    results = tiny_run / "results/tiny"
    for k in range(3):
        assert (results / f"seed_2/bootstrap_{k}.bleu").exists()
    assert (results / "seed_2/control_none/bootstrap_1.bleu").exists()
    log = (results / "logs/train/seed_2/iter_0.log").read_text()
    assert " --seed 2 " in log.splitlines()[0]
    models = [(results / f"{replicate}iter_0/model/best.pt").read_bytes()
              for replicate in ("", "seed_2/")]
    assert models[0] != models[1]


def test_every_arm_fine_tunes_at_the_rate_the_baseline_reached(tiny_run):
    """Same schedule for every arm: the constant rate the baseline's optimizer holds (fairseq's
    own number, read from best.pt), below the peak; compute.json beside every model."""
    results = tiny_run / "results/tiny"
    reached = checkpoint_lr(results / "iter_0/model/best.pt")
    assert 0 < reached < TINY_EXPERIMENT["train"]["lr"]
    arms = {run: read_compute(results / f"{run}iter_1/model/compute.json")
            for run in ("", "control_random/", "control_none/", "seed_2/")}
    for run, record in arms.items():
        if run != "seed_2/":  # its own baseline
            assert record["lr"] == pytest.approx(reached), run
        assert record["kept"] == "best" and record["updates"] == record["batches_per_epoch"]  # 1 epoch
    baseline = read_compute(results / "iter_0/model/compute.json")
    assert baseline["lr"] == TINY_EXPERIMENT["train"]["lr"]
    # x' is longer than x: more source tokens and at least as many batches per epoch
    # compute.tsv: every seed's record; summary.tsv: the mean over seeds
    with open(results / "compute.tsv", newline="") as handle:
        compute = {(r["seed"], r["system"], r["iteration"]): r for r in csv.DictReader(handle, delimiter="\t")}
    assert len(compute) == 2 * 5 and compute[("1", "none", "1")]["updates"] == str(arms["control_none/"]["updates"])
    assert compute[("2", "attention", "1")]["lr_candidates"] == "1"
    with open(results / "summary.tsv", newline="") as handle:
        summary = {(r["system"], r["iteration"]): r for r in csv.DictReader(handle, delimiter="\t")}
    assert float(summary[("attention", "1")]["updates_mean"]) == pytest.approx(
        statistics.fmean([arms[""]["updates"], arms["seed_2/"]["updates"]]))
    attention, none = arms[""], arms["control_none/"]
    assert attention["source_tokens_per_epoch"] > none["source_tokens_per_epoch"]
    assert none["source_tokens_per_epoch"] == baseline["source_tokens_per_epoch"]
    assert attention["batches_per_epoch"] >= none["batches_per_epoch"]


def test_enriched_inputs_are_x_plus_attention_words(tiny_run):
    results = tiny_run / "results/tiny"
    sources = (results / "data/bpe/train.src").read_text().splitlines()
    words = (results / "iter_0/decode/train.words").read_text().splitlines()
    enriched = (results / "iter_1/input/train.src").read_text().splitlines()
    assert enriched == [f"{s} {w}".strip() for s, w in zip(sources, words)]
    plain = (results / "control_none/iter_1/input/train.src").read_text().splitlines()
    assert plain == sources
    random_words = (results / "control_random/iter_1/input/train.src").read_text().splitlines()
    assert [len(line.split()) for line in random_words] == [len(line.split()) for line in enriched]
    assert random_words != enriched


def test_second_identical_call_does_nothing(tiny_run):
    result = run_snakemake(tiny_run, "-n", "results/tiny/summary.tsv")
    assert "Nothing to be done" in result.stdout + result.stderr


def test_forcerun_one_stage_reruns_only_it_and_what_depends_on_it(tiny_run):
    result = run_snakemake(tiny_run, "-n", "results/tiny/bootstrap_2.bleu", "--forcerun", "enrich")
    counts = job_counts(result.stdout)
    assert counts["enrich"] == 2  # iterations 1 and 2 (one job writes all three splits)
    assert counts["train"] == 2  # the two fine-tunes, not the baseline
    assert not {"corpus", "tokenize", "truecase", "apply_bpe", "build_dictionaries"} & set(counts)
