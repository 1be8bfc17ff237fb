"""The real DAG on the tiny demo: bootstrap_2 with both controls, caching and --forcerun."""

import json

import pytest

from conftest import run_snakemake
from test_dag import job_counts

pytestmark = pytest.mark.e2e


def test_bootstrap_bleu_is_sacrebleu_json(tiny_run):
    for k in range(3):
        record = json.loads((tiny_run / f"results/tiny/bootstrap_{k}.bleu").read_text())
        assert record["name"] == "BLEU"
        assert 0 <= record["score"] <= 100
        assert "tok:13a" in record["signature"] and "version:" in record["signature"]


def test_summary_lists_every_system_and_iteration(tiny_run):
    lines = (tiny_run / "results/tiny/summary.tsv").read_text().splitlines()
    rows = [line.split("\t") for line in lines[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        ("attention", "0"), ("attention", "1"), ("attention", "2"), ("random", "1"), ("none", "1"),
    ]
    assert sum(row[4] == "*" for row in rows if row[0] == "attention") == 1
    test_bleu = json.loads((tiny_run / "results/tiny/bootstrap_2.bleu").read_text())["score"]
    assert float(rows[2][3]) == pytest.approx(test_bleu, abs=0.01)
    verdict = (tiny_run / "results/tiny/verdict.txt").read_text()
    assert verdict.startswith(f"baseline (iteration 0): test BLEU {float(rows[0][3]):.2f}")
    assert "\nverdict: " in verdict


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
    assert counts["enrich"] == 6  # iterations 1 and 2, three splits each
    assert counts["train"] == 2  # the two fine-tunes, not the baseline
    assert not {"corpus", "tokenize", "truecase", "apply_bpe", "build_dictionaries"} & set(counts)
