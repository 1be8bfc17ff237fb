"""docs/results: the tables of README.md and docs/experiments.md. The earlier trec run's are what
ielearn.recompute makes of the per-seed scores committed there; the demo's, gettext's and
trec's are the pipeline's own outputs, from whose per-seed scores recompute gets the same Δ
and p; those p are scipy's paired t-tests."""

import shutil
from pathlib import Path

import pytest
import yaml
from scipy import stats

from conftest import REPO
from ielearn.io import read_tsv
from ielearn.recompute import recompute, run_config


# what survives Holm in each committed table: nothing, in any
SIGNIFICANT = {"gettext": set(), "earlier/trec": set(), "trec": set()}


def significant_rows(path):
    return {(r["system"], r["iteration"], r["against"])
            for r in read_tsv(path) if r["p_holm"] not in ("", "NA") and float(r["p_holm"]) < 0.05}


@pytest.mark.parametrize("experiment", ["earlier/trec"])
def test_the_committed_tables_are_recomputed_exactly(tmp_path, experiment):
    here = tmp_path / Path(experiment).name  # the folder's name is the experiment's
    here.mkdir()
    for name in ("scores_per_seed.tsv", "config.yaml"):  # the config the run used, where it is kept
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
              for r in read_tsv(REPO / "docs/results/gettext/scores_per_seed.tsv")}
    rows = {(r["system"], r["iteration"], r["against"]): r for r in read_tsv(REPO / "docs/results/gettext/comparisons.tsv")}
    for k in (1, 2, 3):
        attention = [scores[(s, "attention", k)] for s in (1, 2, 3)]
        random_words = [scores[(s, "random", k)] for s in (1, 2, 3)]
        p = stats.ttest_rel(attention, random_words).pvalue
        assert float(rows[("attention", str(k), "random")]["p_t"]) == pytest.approx(p, rel=1e-3)


@pytest.mark.parametrize("experiment, table, comparisons", [
    ("demo", "comparisons.tsv", 20), ("gettext", "comparisons.tsv", 15), ("trec", "classification_comparisons.tsv", 17)])
def test_a_pipeline_run_recomputes_to_its_own_deltas_and_reanalysis(tmp_path, experiment, table, comparisons):
    """docs/results/demo, gettext and trec hold the pipeline's own outputs of a run made before
    the primary family and the two-way p (their p_t: the t-test over seeds; their p_holm: over
    the whole table). From the per-seed scores alone, Δ and p_t come out the same, and the
    current procedure's tables are the ones committed in <exp>/reanalysis/ (the runs kept no
    per-item records, so the reanalysis is over seeds only)."""
    here = tmp_path / experiment
    here.mkdir()
    for name in ("scores_per_seed.tsv", "config.yaml"):
        shutil.copy(REPO / "docs/results" / experiment / name, here)
    recompute(here, REPO / "config.yaml")
    ours, pipeline = read_tsv(here / "comparisons.tsv"), read_tsv(REPO / "docs/results" / experiment / table)
    assert len(ours) == len(pipeline) == comparisons
    for mine, theirs in zip(ours, pipeline):
        assert [mine[key] for key in ("system", "iteration", "against", "delta", "p_t")] == \
            [theirs[key] for key in ("system", "iteration", "against", "delta", "p_t")]
        assert (mine["ci_method"], theirs["ci_method"]) == ("seeds", "seeds+items")
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

