"""Two replicate seeds and both controls (`random`, `none`) through Snakemake, down to the report
sections."""

import csv
import json
import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def seeds_run(toy_runs):
    return toy_runs / "results" / "toy_seeds"


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_summary_has_every_system_over_both_seeds_with_p_values(seeds_run):
    summary = read_tsv(seeds_run / "classification.tsv")
    assert [(r["system"], r["iteration"], r["seeds"]) for r in summary] == [
        ("baseline", "0", "2"), ("attention", "1", "2"), ("random", "1", "2"), ("none", "1", "2")]
    for row in summary:
        assert 0 <= float(row["test_mean"]) <= 100 and float(row["test_sd"]) >= 0
    baseline, attention, random, none = summary
    comparisons = read_tsv(seeds_run / "classification_comparisons.tsv")
    assert [(c["system"], c["against"]) for c in comparisons] == [
        ("attention", "baseline"), ("random", "baseline"), ("none", "baseline"), ("attention", "random"),
        ("attention", "none")]
    by_pair = {(c["system"], c["against"]): c for c in comparisons}
    for (system, against), c in by_pair.items():
        assert c["seeds"] == "2" and c["direction"] in ("higher", "lower", "equal")
        row = {"attention": attention, "random": random, "none": none}[system]
        if c["p_t"]:  # a seed-level test: its Holm-corrected p is the table's
            assert 0 < float(c["p_t"]) <= float(c["p_holm"]) <= 1
            assert float(row[f"p_{against}"]) == pytest.approx(float(c["p_holm"]), rel=1e-3)
        else:  # the toy's two seeds may differ by exactly as much: then there is no test
            assert "same in every seed" in c["note"] and row[f"p_{against}"] == ""
    assert random["p_none"] == random["p_random"] == none["p_none"] == none["p_random"] == ""
    assert baseline["p_random"] == baseline["p_none"] == baseline["p_baseline"] == ""
    assert "attention, iteration 1" in (seeds_run / "classification_verdict.txt").read_text()

    per_seed = read_tsv(seeds_run / "classification_per_seed.tsv")
    assert [(r["seed"], r["system"]) for r in per_seed] == [
        (seed, system) for seed in ("1", "2") for system in ("baseline", "attention", "random", "none")]
    assert all(0 < float(r["p_baseline"]) <= 1 for r in per_seed if r["system"] != "baseline")


def test_each_seed_is_a_full_replicate_in_its_own_directory(seeds_run):
    for here in (seeds_run, seeds_run / "seed_2"):
        for path in ["iter_0/model", "bootstrap_0.pred", "attention/iter_1/model", "attention/bootstrap_1.pred",
                     "control_random/iter_1/model", "control_random/bootstrap_1.pred", "control_none/iter_1/model",
                     "control_none/bootstrap_1.pred"]:
            assert (here / path).exists(), here / path
    assert not (seeds_run / "seed_1").exists()  # the first seed keeps the single-seed paths
    first, second = (here / "iter_0/model/model.safetensors" for here in (seeds_run, seeds_run / "seed_2"))
    assert first.read_bytes() != second.read_bytes()  # the seed reached training
    assert not (seeds_run / "control_none/iter_1/input").exists()  # the control reads the plain examples
    predictions = (seeds_run / "control_none/bootstrap_1.pred").read_text().splitlines()
    assert predictions[0] == "gold\tpredicted" and len(predictions) == 11


def test_the_random_control_appends_a_drawn_word_of_each_example(seeds_run):
    """No model is loaded for the draw (no shards, no model input); the words differ by seed."""
    drawn = {}
    for here in (seeds_run, seeds_run / "seed_2"):
        words = (here / "control_random/iter_0/words/train.txt").read_text().splitlines()
        original = read_tsv(seeds_run / "examples/train.tsv")
        enriched = read_tsv(here / "control_random/iter_1/input/train.tsv")
        for word, before, after in zip(words, original, enriched, strict=True):
            assert word in re.findall(r"\w+", before["text_a"])
            assert after["text_a"] == f"{before['text_a']} {word}" and after["label"] == before["label"]
        drawn[here] = words
        assert not list((here / "control_random/iter_1/words").glob("*.shard_*"))
    assert drawn[seeds_run] != drawn[seeds_run / "seed_2"]


def test_quality_of_attention_and_random_words_over_both_seeds(seeds_run):
    import math

    from ielearn.classify.quality_verdict import MEASURES

    rows = read_tsv(seeds_run / "classification_quality.tsv")
    assert [(r["explainer"], r["explained_model"], r["seeds"]) for r in rows] == [
        ("attention", "baseline", "2"), ("random", "baseline", "2")]
    for row in rows:
        mean = float(row["comprehensiveness_aopc_mean"])
        low, high = float(row["comprehensiveness_aopc_ci_low"]), float(row["comprehensiveness_aopc_ci_high"])
        assert math.isfinite(mean) and low <= mean <= high and row["note"] == ""
    per_seed = read_tsv(seeds_run / "classification_quality_per_seed.tsv")
    assert [(r["seed"], r["explainer"], r["items"]) for r in per_seed] == [
        (s, e, "10") for s in ("1", "2") for e in ("attention", "random")]
    comparisons = read_tsv(seeds_run / "classification_quality_comparisons.tsv")
    assert [(c["measure"], c["system"], c["against"], c["seeds"]) for c in comparisons] == [
        (m, "attention", "random", "2")
        for m in ("comprehensiveness_aopc", "sufficiency_aopc", "posthoc_accuracy_avg")]
    # in words, with the accuracy comparisons against none and the random control (a report section)
    verdict = (seeds_run / "classification_quality_verdict.txt").read_text()
    accuracy = {(c["system"], c["against"]): c for c in read_tsv(seeds_run / "classification_comparisons.tsv")}
    assert verdict.startswith("2 seed(s).") and "\nattention, iteration 1 (words chosen by the baseline):\n" in verdict
    words = {m.name: m.words for m in MEASURES}
    for c in comparisons:
        assert f"{words[c['measure']]} (higher = more faithful): Δ = {float(c['delta']):+.2f}" in verdict or \
            f"{words[c['measure']]} (lower = more faithful): Δ = {float(c['delta']):+.2f}" in verdict
    for control in ("none", "random"):
        assert f" at iteration 1: Δ = {float(accuracy['attention', control]['delta']):+.2f}" in verdict
    assert "\nAt iteration 1: " in verdict and "baseline:" not in verdict


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells = []

    def handle_data(self, data):
        self.cells.append(data)


def test_report_sections_are_listed_and_hold_the_table(seeds_run):
    report = seeds_run / "report"
    listed = (report / "sections.txt").read_text().splitlines()
    assert sorted(path.rsplit("/", 1)[1] for path in listed) == [
        "classification.html", "classification.tsv", "classification_compute.tsv", "classification_per_seed.tsv",
        "classification_quality.tsv", "classification_quality_verdict.txt", "provenance.html", "test_metric.png"]
    parser = Cells()
    parser.feed((report / "classification.html").read_text(encoding="utf-8"))
    summary = read_tsv(seeds_run / "classification.tsv")
    assert {"p_none", "p_random", "random", summary[1]["test_mean"], summary[2]["delta_baseline"]} <= set(
        parser.cells)
    assert (report / "test_metric.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_snakemakes_report_shows_every_section_the_rules_flag(seeds_run):
    """`snakemake --report` on one experiment (tests/classify_runs.py builds it): each listed
    section is in the page, under the experiment's subcategory."""
    page = (seeds_run / "report.html").read_text(encoding="utf-8")
    listed = (seeds_run / "report" / "sections.txt").read_text().splitlines()
    match = re.search(r"var categories = (\{.*?\});\n", page, re.S)
    assert match, "report.html has no categories"
    categories = json.loads(match.group(1))
    shown = {path for category in categories.values() for paths in category.values() for path in paths}
    assert shown == set(listed)
    # the sections translation's report uses, one subcategory per experiment
    assert sorted(categories) == ["1. Summary", "2. Bootstrap iterations", "5. Provenance"]
    assert all(set(category) == {"toy_seeds"} for category in categories.values())
