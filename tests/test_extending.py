"""docs/extending.md's promise: a new explainer or trained method is one registry entry and
one module (tests/toy_explainer.py, tests/toy_method.py), plus its name in the schema, and
the design, the DAG (a dry run up to the report, quality tables included) and the summary
tables and verdict pick it up. Cheap: no model trains."""

import copy
import subprocess
import sys

import pytest

import toy_explainer
import toy_method
from conftest import REPO, TINY_CONFIG, write_config
from ielearn.classify.config import classification_settings, replicate_settings
from ielearn.classify.summary import write_classification_summary
from ielearn.classify.tasks import SYNTHETIC
from ielearn.config import validate_config
from ielearn.design import Arm, classification_design
from ielearn.layout import own_dirs, system_dir
from test_classify_summary import RUNS, make_run, read_tsv
from test_dag import job_counts
from toy_systems import register_toys

EXPLAINER, METHOD = toy_explainer.ENTRY.name, toy_method.ENTRY.name
EXPERIMENT = {"explainers": ["attention", EXPLAINER], "controls": ["none"], "seeds": [1, 2],
              METHOD: {"enabled": True}}


@pytest.fixture
def toys():
    unregister_toys = register_toys()
    yield
    unregister_toys()


def toy_config():
    classification = {"datasets": {"toy": {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}}},
                      "experiments": {"toy_cls": {"dataset": "toy", **copy.deepcopy(EXPERIMENT)}}}
    return {**copy.deepcopy(TINY_CONFIG), "classification": classification}


def test_the_design_and_the_settings_pick_the_toys_up(toys):
    experiment = classification_settings(validate_config(toy_config()), "toy_cls")
    # the method's check filled its training (the baseline's settings), and each replicate has it
    assert experiment[METHOD]["train"]["epochs"] == experiment["train"]["epochs"]
    assert replicate_settings(experiment, 2)[f"{METHOD}_train"]["seed"] == 2
    design = classification_design(experiment)
    assert design.trained == (METHOD,) and design.mains == ("attention", EXPLAINER)
    assert {Arm(METHOD, 0), Arm(EXPLAINER, 1)} <= set(design.arms())
    against = {(c.arm, c.against) for c in design.comparisons()}
    assert {(Arm(METHOD, 0), design.baseline), (Arm(METHOD, 0), Arm("none", 1)),
            (Arm(EXPLAINER, 1), Arm("none", 1))} <= against
    assert (system_dir(design, EXPLAINER), system_dir(design, METHOD)) == (f"{EXPLAINER}/", f"{METHOD}/")
    assert {EXPLAINER, METHOD} <= set(own_dirs().split("|"))


# a dry run in a fresh interpreter that registers the toys first, as a project with them
# would have them registered before Snakefile reads the registry
DRY_RUN = """
import sys
sys.path[:0] = [{tests!r}, {repo!r}]
from toy_systems import register_toys
register_toys()
from snakemake.cli import main
main({argv!r})
"""


def test_the_dag_runs_the_toy_explainer_and_trains_the_toy_method(tmp_path):
    write_config(tmp_path, toy_config())
    argv = ["--snakefile", str(REPO / "Snakefile"), "--directory", str(tmp_path), "--cores", "1", "-n",
            "results/toy_cls/report/sections.txt"]  # everything the report shows
    script = DRY_RUN.format(tests=str(REPO / "tests"), repo=str(REPO), argv=argv)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    plan = result.stdout
    for here in ("results/toy_cls/", "results/toy_cls/seed_2/"):
        # the explainer's words, extracted by its ranker, appended and fine-tuned from the baseline
        assert f"{here}{EXPLAINER}/iter_0/words/train.shard_0.txt" in plan
        assert f"{here}{EXPLAINER}/iter_1/input/train.tsv" in plan
        # the method trains its own model 0 from the pretrained encoder, scored beside the others
        assert f"{here}{METHOD}/iter_0/model" in plan and f"{here}{METHOD}/bootstrap_0.score" in plan
        # the explanation-quality tables rate the explainer's words (not the method's: it appends none)
        assert f"{here}{EXPLAINER}/iter_0/quality/test.tsv" in plan and f"{here}{METHOD}/iter_1" not in plan
    assert "results/toy_cls/classification_quality_verdict.txt" in plan
    # per seed: the baseline, the method's model 0, attention/1, toyrank/1, none/1
    assert job_counts(plan)["cls_train"] == 2 * 5


# (seed, system, iteration, valid accuracy, test examples right of 20)
TOY_RUNS = [(1, EXPLAINER, 1, 0.65, 15), (2, EXPLAINER, 1, 0.75, 17),
            (1, METHOD, 0, 0.6, 13), (2, METHOD, 0, 0.7, 15)]


def test_the_summary_tables_have_a_row_for_each_toy(toys, tmp_path):
    design = classification_design({**EXPERIMENT, "bootstrap": 1})
    runs = [make_run(tmp_path, *run) for run in RUNS + TOY_RUNS if run[2] <= 1]
    outputs = {name: tmp_path / f"{name}.tsv" for name in ("table", "per_seed", "comparisons",
                                                           "comparisons_per_seed", "verdict")}
    text = write_classification_summary(design, runs, SYNTHETIC, outputs, {"ar_trials": 19})
    table = {(r["system"], r["iteration"]): r for r in read_tsv(outputs["table"])}
    assert table[(EXPLAINER, "1")]["delta_none"] == "15.00"  # 15, 17 right of 20 against none's 12, 14
    assert table[(METHOD, "0")]["delta_baseline"] == "20.00"  # 13, 15 right against 10, 10
    comparisons = {(r["system"], r["iteration"], r["against"], r["against_iteration"])
                   for r in read_tsv(outputs["comparisons"])}
    assert {(EXPLAINER, "1", "none", "1"), (METHOD, "0", "none", "1"), (METHOD, "0", "baseline", "0")} <= comparisons
    assert f"{METHOD} (trained from the pretrained encoder)" in text
