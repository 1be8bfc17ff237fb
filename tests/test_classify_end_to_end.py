"""The classification DAG end to end on the synthetic task with a tiny random BERT."""

import copy
import json
import shutil

import pytest

from classify_runs import tiny_classification
from conftest import TINY_CONFIG, run_snakemake, write_config

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def toy_run(toy_runs):
    return toy_runs  # toy_cls: attention, LIME and SHAP to bootstrap_1, one seed


def test_every_explainer_reaches_bootstrap_1(toy_run):
    results = toy_run / "results" / "toy_cls"
    for path in [results / "bootstrap_0.score"] + [results / e / "bootstrap_1.score"
                                                    for e in ("attention", "lime", "shap")]:
        score = json.loads(path.read_text())
        assert score["metric"] == "accuracy" and score["n"] == 10 and 0 <= score["value"] <= 1
    table = (results / "classification.tsv").read_text().splitlines()
    assert table[0].split("\t")[:7] == ["system", "iteration", "seeds", "valid_mean", "valid_sd", "test_mean", "test_sd"]
    assert [row.split("\t")[0] for row in table[1:]] == ["baseline", "attention", "lime", "shap", "none"]


def test_every_score_has_the_record_of_its_trainings(toy_run):
    import torch

    from ielearn.provenance.environment import package_versions

    results = toy_run / "results" / "toy_cls"
    chains = {"baseline": ("bootstrap_0", ["iter_0/model"])}
    chains.update({e: (f"{d}/bootstrap_1", ["iter_0/model", f"{d}/iter_1/model"])
                   for e, d in [("attention", "attention"), ("lime", "lime"), ("shap", "shap"),
                                ("none", "control_none")]})
    for system, (score, models) in chains.items():
        record = json.loads((results / f"{score}.score.provenance.json").read_text())
        assert [step["record"] for step in record["iterations"]] == [
            f"results/toy_cls/{m}/ielearn-training.json" for m in models]
        for step in record["iterations"]:
            training = step["training"]
            assert (training["resumed"], training["seed"], training["threads"]) == (False, 1, 1)
            assert training["device"] == "cpu"  # the classifiers never move to a GPU
            assert training["cpu_capability"] == torch.backends.cpu.get_cpu_capability()
            assert training["packages"] == package_versions()
        # LIME and SHAP sample with the explainer seed (default 1); attention and none draw nothing
        assert record["seeds"] == {"training": [1] * len(models),
                                   "words": 1 if system in ("lime", "shap") else None}
        assert record["resumed"] is False

def test_enriched_inputs_end_with_the_extracted_word(toy_run):
    results = toy_run / "results" / "toy_cls"
    for explainer in ("attention", "lime", "shap"):
        words = (results / explainer / "iter_0" / "words" / "test.txt").read_text().splitlines()  # model 0's
        rows = (results / explainer / "iter_1" / "input" / "test.tsv").read_text().splitlines()[1:]
        original = (results / "examples" / "test.tsv").read_text().splitlines()[1:]
        for word, row, before in zip(words, rows, original, strict=True):
            assert row.split("\t")[0] == f"{before.split(chr(9))[0]} {word}"


def test_quality_table_rates_every_explainer_on_the_baseline(toy_run):
    """Built with classification.tsv: every explainer's iteration-1 words, rated on the model
    that chose them (the baseline), and random words as the floor though the random control
    does not run; one seed, so no CI. Each ranking's head is the word."""
    import math

    from ielearn.io import read_tsv

    results = toy_run / "results" / "toy_cls"
    rows = read_tsv(results / "classification_quality.tsv")
    assert [(r["explainer"], r["iteration"], r["explained_model"], r["seeds"]) for r in rows] == [
        (e, "1", "baseline", "1") for e in ("attention", "lime", "shap", "random")]
    for row in rows:
        for measure in ("comprehensiveness_aopc", "sufficiency_aopc", "posthoc_accuracy_avg"):
            assert math.isfinite(float(row[f"{measure}_mean"])) and row[f"{measure}_ci_low"] == "NA"
        assert 0 <= float(row["posthoc_accuracy_avg_mean"]) <= 100
        # ERASER's bins by default (quality.aopc: bins)
        assert [f"comprehensiveness_{b}pct" in row for b in (1, 5, 10, 20, 50)] == [True] * 5 and "one seed" in row["note"]
        here = results / {"random": "control_random"}.get(row["explainer"], row["explainer"]) / "iter_0"
        rankings = [json.loads(line) for line in (here / "rankings/test.jsonl").read_text().splitlines()]
        assert [r[0] for r in rankings] == (here / "words/test.txt").read_text().splitlines()
    comparisons = read_tsv(results / "classification_quality_comparisons.tsv")
    assert {(c["system"], c["against"]) for c in comparisons} == {
        ("attention", "lime"), ("attention", "shap"), ("lime", "shap"), ("attention", "random"),
        ("lime", "random"), ("shap", "random")}
    assert not (results / "control_random/iter_1").exists()  # the floor trains nothing
    assert (results / "control_random/iter_0/quality/test.tsv").exists()  # rated on model 0, kept with it


def test_an_unfinished_shard_is_redone_alone(toy_run, tmp_path):
    """As if the run had stopped while lime's test shard was still running (on a copy: the
    session's run is shared by other tests; copy2 keeps the mtimes Snakemake compares)."""
    run = shutil.copytree(toy_run, tmp_path / "run", symlinks=True)
    lime = run / "results/toy_cls/lime"
    for path in ["iter_0/words/test.shard_0.txt", "iter_0/words/test.txt", "iter_1/input/test.tsv",
                 "bootstrap_1.score", "bootstrap_1.pred", "../classification.tsv"]:
        (lime / path).unlink()
    plan = run_snakemake(run, "results/toy_cls/classification.tsv", "--dry-run").stdout
    assert "lime/iter_0/words/test.shard_0.txt" in plan
    assert "train.shard_0.txt" not in plan and "shap/iter_0/words/test.shard_0.txt" not in plan
    assert "cls_train" not in plan


def test_shards_scatter_and_gather_in_the_dag(tmp_path):
    classification = tiny_classification(tmp_path / "no_model_needed_for_a_dry_run")
    classification["experiments"]["toy_cls"]["shards"] = 3
    write_config(tmp_path, {**copy.deepcopy(TINY_CONFIG), "classification": classification})
    plan = run_snakemake(tmp_path, "results/toy_cls/shap/bootstrap_1.score", "--dry-run").stdout
    for split in ("train", "valid", "test"):
        for shard in range(3):
            assert f"shap/iter_0/words/{split}.shard_{shard}.txt" in plan
    assert "shard_3" not in plan and "lime/" not in plan


def test_bad_label_in_a_files_dataset_names_file_and_line(tmp_path):
    bad = tmp_path / "train.tsv"
    bad.write_text("text_a\tlabel\nfine words\tpositive\nodd words\tmaybe\n")
    classification = {
        "datasets": {"mine": {"source": "files", "train": str(bad), "valid": str(bad), "test": str(bad),
                              "pair": False, "labels": ["negative", "positive"], "metric": "accuracy"}},
        "experiments": {"mine_cls": {"dataset": "mine"}},
    }
    write_config(tmp_path, {**copy.deepcopy(TINY_CONFIG), "classification": classification})
    result = run_snakemake(tmp_path, "results/mine_cls/examples/train.tsv", check=False)
    assert result.returncode != 0
    assert f"{bad}:3: label 'maybe' is not one of the task's labels" in result.stderr


def test_the_default_target_builds_every_experiment_of_both_halves(tmp_path):
    classification = tiny_classification(tmp_path / "no_model_needed_for_a_dry_run")
    write_config(tmp_path, {**copy.deepcopy(TINY_CONFIG), "classification": classification})
    plan = run_snakemake(tmp_path, "-n").stdout
    for exp in ("tiny", "toy_cls"):  # each with its report's sections (`snakemake --report` on all)
        assert f"results/{exp}/report/sections.txt" in plan
    assert "results/tiny/summary.tsv" in plan and "results/toy_cls/classification.tsv" in plan
