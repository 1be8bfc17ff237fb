"""docs/results: the tables of README.md and docs/experiments.md. The earlier trec run's are what
ielearn.recompute makes of the per-seed scores committed there; the demo's, gettext's and
trec's are the pipeline's own outputs, from whose per-seed scores recompute gets the same Δ
and p; those p are scipy's paired t-tests."""

import random
import shutil
from pathlib import Path

import pytest
import yaml
from scipy import stats

from conftest import REPO, TINY_CONFIG, TINY_EXPERIMENT
from ielearn.config import validate_config
from ielearn.design import Arm, translation_design
from ielearn.inference.item_records import read_item_records
from ielearn.io import read_tsv, write_json, write_lines
from ielearn.nmt.score import write_bleu
from ielearn.nmt.summary import write_summary
from ielearn.recompute import recompute, run_config


# the per-seed compute tables the summaries write: recompute shows their means as the summary does
COMPUTE_TABLES = ("compute.tsv", "classification_compute.tsv")
# what survives Holm in each committed table: nothing, in any
SIGNIFICANT = {"earlier/gettext": set(), "earlier/trec": set(), "earlier/scc_3seeds/trec": set()}


def significant_rows(path):
    return {(r["system"], r["iteration"], r["against"])
            for r in read_tsv(path) if r["p_holm"] not in ("", "NA") and float(r["p_holm"]) < 0.05}


@pytest.mark.parametrize("experiment", ["earlier/trec"])
def test_the_committed_tables_are_recomputed_exactly(tmp_path, experiment):
    here = tmp_path / Path(experiment).name  # the folder's name is the experiment's
    here.mkdir()
    for name in ("scores_per_seed.tsv", "config.yaml", *COMPUTE_TABLES):  # the run's config, where it is kept
        if (REPO / "docs/results" / experiment / name).exists():
            shutil.copy(REPO / "docs/results" / experiment / name, here)
    text = recompute(here, REPO / "config.yaml")
    for name in ("summary.tsv", "comparisons.tsv", "verdict.txt"):
        assert (here / name).read_text() == (REPO / "docs/results" / experiment / name).read_text()
    assert significant_rows(here / "comparisons.tsv") == SIGNIFICANT[experiment]
    body = text.split("\n", 1)[1]  # the first line explains the answers
    assert body.count(": gain shown") + body.count(": loss shown") == len(SIGNIFICANT[experiment])


def test_gettext_attention_against_random_is_scipys_paired_t_test():
    scores = {(int(r["seed"]), r["system"], int(r["iteration"])): float(r["test_bleu"])
              for r in read_tsv(REPO / "docs/results/earlier/gettext/scores_per_seed.tsv")}
    rows = {(r["system"], r["iteration"], r["against"]): r
            for r in read_tsv(REPO / "docs/results/earlier/gettext/comparisons.tsv")}
    for k in (1, 2, 3):
        attention = [scores[(s, "attention", k)] for s in (1, 2, 3)]
        random_words = [scores[(s, "random", k)] for s in (1, 2, 3)]
        p = stats.ttest_rel(attention, random_words).pvalue
        assert float(rows[("attention", str(k), "random")]["p_t"]) == pytest.approx(p, rel=1e-3)


@pytest.mark.parametrize("experiment", ["demo", "gettext", "gettext_positions"])
def test_a_translation_run_with_its_item_records_recomputes_byte_for_byte(tmp_path, experiment):
    """docs/results/demo, docs/results/gettext (the five-seed run) and gettext_positions (η,
    its seeds 1, 2, 4, 5) are pipeline runs under the current procedure with their per-item records: recompute gets
    their comparisons and verdict exactly, seeds + items (and the demo's summary.tsv, which
    recompute wrote when the columns changed: from the pipeline's own, only the baseline row's
    name and the pick marker differed; gettext's is the pipeline's own)."""
    here = tmp_path / experiment
    here.mkdir()
    for name in ("scores_per_seed.tsv", "items_per_seed.tsv.gz", "config.yaml", "compute.tsv"):
        shutil.copy(REPO / "docs/results" / experiment / name, here)
    recompute(here, REPO / "config.yaml")
    for name in ("summary.tsv", "comparisons.tsv", "verdict.txt"):
        assert (here / name).read_text() == (REPO / "docs/results" / experiment / name).read_text()
    assert {row["ci_method"] for row in read_tsv(here / "comparisons.tsv")} == {"seeds+items"}


# the comparisons the current design makes differently from the one that ran: trec's scc
# words were compared with the baseline chain's controls (not like for like); the run has no
# controls of SCC's own chain, so they are compared with their own start, scc/0, instead
DROPPED = {"earlier/gettext": set(), "earlier/scc_3seeds/trec": {("scc", "1", "none"), ("scc", "1", "random")}}
ADDED = {"earlier/gettext": set(), "earlier/scc_3seeds/trec": {("scc", "1", "scc")}}


def test_the_ten_seed_trec_run_recomputes_byte_for_byte(tmp_path):
    """docs/results/trec: the pipeline's own classification tables of the seeds merged so far
    (ielearn.merge_seeds), with their item records: recompute gets its comparisons and verdict
    exactly (seeds + items)."""
    here = tmp_path / "trec"
    here.mkdir()
    for name in ("classification_scores_per_seed.tsv", "classification_items_per_seed.tsv.gz", "config.yaml",
                 "classification_compute.tsv"):
        shutil.copy(REPO / "docs/results/trec" / name, here)
    recompute(here, REPO / "config.yaml")
    committed = REPO / "docs/results/trec"
    # one summary module for both halves: recompute's table is the pipeline's classification.tsv
    assert (here / "summary.tsv").read_text() == (committed / "classification.tsv").read_text()
    assert (here / "summary.tsv").read_text() == (committed / "summary.tsv").read_text()
    assert (here / "comparisons.tsv").read_text() == (committed / "classification_comparisons.tsv").read_text()
    assert (here / "verdict.txt").read_text() == (committed / "classification_verdict.txt").read_text()
    assert {row["ci_method"] for row in read_tsv(here / "comparisons.tsv")} == {"seeds+items"}


@pytest.mark.parametrize("experiment, table, comparisons", [
    ("earlier/gettext", "comparisons.tsv", 15), ("earlier/scc_3seeds/trec", "classification_comparisons.tsv", 17)])
def test_a_pipeline_run_recomputes_to_its_own_deltas_and_reanalysis(tmp_path, experiment, table, comparisons):
    """docs/results/earlier/gettext and trec hold the pipeline's own outputs of a run made before
    the primary family and the two-way p (their p_t: the t-test over seeds; their p_holm: over
    the whole table). From the per-seed scores alone, Δ and p_t come out the same, and the
    current procedure's tables are the ones committed in <exp>/reanalysis/ (the runs kept no
    per-item records, so the reanalysis is over seeds only)."""
    here = tmp_path / Path(experiment).name
    here.mkdir()
    for name in ("scores_per_seed.tsv", "config.yaml", *COMPUTE_TABLES):
        if (REPO / "docs/results" / experiment / name).exists():
            shutil.copy(REPO / "docs/results" / experiment / name, here)
    recompute(here, REPO / "config.yaml")
    ours, pipeline = read_tsv(here / "comparisons.tsv"), read_tsv(REPO / "docs/results" / experiment / table)
    assert len(pipeline) == comparisons
    key = lambda row: (row["system"], row["iteration"], row["against"])  # noqa: E731
    mine, theirs = {key(r): r for r in ours}, {key(r): r for r in pipeline}
    assert set(theirs) - set(mine) == DROPPED[experiment] and set(mine) - set(theirs) == ADDED[experiment]
    for both in set(mine) & set(theirs):
        assert [mine[both][k] for k in ("delta", "p_t")] == [theirs[both][k] for k in ("delta", "p_t")]
        assert (mine[both]["ci_method"], theirs[both]["ci_method"]) == ("seeds", "seeds+items")
    for name in ("summary.tsv", "comparisons.tsv", "verdict.txt"):
        assert (here / name).read_text() == (REPO / "docs/results" / experiment / "reanalysis" / name).read_text()
    if experiment in SIGNIFICANT:
        assert significant_rows(here / "comparisons.tsv") == SIGNIFICANT[experiment]


def test_the_runs_recorded_entries_replace_the_current_ones_whole(tmp_path):
    """A key config.yaml gained since the run (here: an explainer and SCC) is not read: the
    recorded experiment entry replaces the current one, not merged into it."""
    current = yaml.safe_load((REPO / "config.yaml").read_text())
    trec = current["classification"]["experiments"]["trec"]
    trec.update(explainers=["attention", "lime", "shap", "scc"], scc={"enabled": True})
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(current))
    here = tmp_path / "trec"
    here.mkdir()
    recorded = {"classification": {"experiments": {"trec": {"dataset": "trec", "explainers": ["attention"],
                                                            "controls": ["none"], "seeds": [1, 2]}}}}
    (here / "config.yaml").write_text(yaml.safe_dump(recorded))
    config = run_config(here, tmp_path / "config.yaml")
    experiment = config["classification"]["experiments"]["trec"]
    assert experiment["explainers"] == ["attention"] and experiment["scc"]["enabled"] is False
    assert experiment["seeds"] == [1, 2] and experiment["train"]["lr"] == 5e-5  # the schema's default, not config.yaml's
    dataset = config["classification"]["datasets"]["trec"]  # not recorded: the current entry
    assert (dataset["valid_size"], dataset["max_examples"]["train"]) == (500, 1000)
    without = tmp_path / "plain"
    without.mkdir()
    assert run_config(without, tmp_path / "config.yaml")["classification"]["experiments"]["trec"]["scc"]["enabled"]



def tiny_tables(tmp_path, seeds, name="pipeline", compute=False):
    """The translation summary of the tiny experiment over `seeds`, written from made-up
    hypotheses of 30 test sentences into tmp_path/<name>, with the config entries it used
    (and with `compute`, each model's made-up compute.json read into compute.tsv)."""
    rng = random.Random(5)
    words = [f"w{i}" for i in range(20)]
    references = [" ".join(rng.choice(words) for _ in range(rng.randint(4, 9))) for _ in range(30)]
    write_lines(tmp_path / "ref", references)
    experiment = {**TINY_EXPERIMENT, "seeds": list(seeds)}
    config = validate_config({**TINY_CONFIG, "experiments": {"tiny": experiment}})
    design = translation_design(config["experiments"]["tiny"])
    runs = []
    for seed in design.seeds:
        seeded = random.Random(seed)
        for arm in design.arms():
            stem = tmp_path / f"{seed}_{arm.system}_{arm.iteration}"
            rate = 0.5 - 0.04 * arm.iteration * (arm.system == "attention") + 0.02 * seeded.random()
            write_lines(f"{stem}.txt", [" ".join(w if seeded.random() > rate else seeded.choice(words)
                                                 for w in r.split()) for r in references])
            write_bleu(f"{stem}.txt", tmp_path / "ref", f"{stem}.bleu")
            runs.append({"seed": seed, "system": arm.system, "iteration": arm.iteration, "valid": f"{stem}.bleu",
                         "test": f"{stem}.bleu", "hyp": f"{stem}.txt"})
            write_json(f"{stem}.json", {"updates": 100 * seed + 7 * arm.iteration, "epochs": 2.5 * seed,
                                        "kept_epochs": 2, "source_tokens": 1000 + seed, "lr": 0.0005})
    folder = tmp_path / name
    outputs = {key: folder / f"{key}.tsv" for key in ("table", "comparisons", "comparisons_per_seed")}
    outputs.update(per_seed=folder / "scores_per_seed.tsv", verdict=folder / "verdict.txt",
                   item_records=folder / "items_per_seed.tsv.gz", compute=folder / "compute.tsv")
    computes = [f"{run['hyp'][:-len('.txt')]}.json" for run in runs] if compute else ()
    write_summary(design, runs, tmp_path / "ref", outputs, config["experiments"]["tiny"]["significance"],
                  computes=computes)
    (folder / "config.yaml").write_text(yaml.safe_dump({**TINY_CONFIG, "experiments": {"tiny": experiment}}))
    return folder, len(runs)


def test_with_the_item_records_recompute_gives_the_pipelines_own_tables(tmp_path):
    """A translation summary written from hypotheses keeps every arm's per-sentence statistics
    (items_per_seed.tsv.gz); recompute on scores_per_seed.tsv with that file makes the same
    comparisons.tsv and verdict.txt byte for byte (seeds + items, Satterthwaite's df)."""
    pipeline, runs = tiny_tables(tmp_path, [1, 2, 3])
    records = read_item_records(pipeline / "items_per_seed.tsv.gz")
    assert len(records) == runs and records[(1, Arm("attention", 0))].shape == (30, 10)
    here = tmp_path / "tiny"
    here.mkdir()
    for name in ("scores_per_seed.tsv", "items_per_seed.tsv.gz"):
        shutil.copy(pipeline / name, here)
    recompute(here, pipeline / "config.yaml")
    ours = read_tsv(here / "comparisons.tsv")
    assert {row["ci_method"] for row in ours} == {"seeds+items"}
    assert (here / "comparisons.tsv").read_text() == (pipeline / "comparisons.tsv").read_text()
    assert (here / "verdict.txt").read_text() == (pipeline / "verdict.txt").read_text()
    assert (here / "summary.tsv").read_text() == (pipeline / "table.tsv").read_text()  # one summary, both
