"""Text-only stages and the workflow's parse pay no torch/fairseq start-up (issue 16): none of
them imports torch, fairseq or transformers (ielearn.job_startup.HEAVY_MODULES).

Three checks:
- each text-only rule's adapter, after Snakemake's script preamble, in an interpreter of its
  own (forked after the preamble): its top-level imports;
- parsing the workflow and building the DAG (`snakemake -n`) of a translation and a
  classification experiment;
- what every job of the tiny run had imported when it exited (tests/job_hook), lazy imports
  inside library functions included; the model rules' jobs did import torch, so the check
  can fail.

The classifier's tokenize-only stages (cls_enrich, cls_random_words, cls_random_maps) are
text-only too: they read tokenizer.json with the `tokenizers` library
(ielearn/classify/text_tokenizer.py), as loading a tokenizer with transformers 5 imports torch."""

import copy
import json
import subprocess
import sys

import pytest

from classify_runs import tiny_classification
from conftest import REPO, TINY_CONFIG, job_imports, write_config
from ielearn.job_startup import HEAVY_MODULES, SCRIPT_PREAMBLE, adapter_imports, rule_scripts

MODEL_RULES = {"train", "decode", "decode_train", "decode_candidate", "binarize", "build_dictionaries", "cls_train",
               "cls_extract_shard", "cls_score", "cls_quality", "faithfulness", "cls_learn_explainer", "cls_simulate"}

# forks after the preamble; each child imports one adapter's lines and prints its name and
# the heavy modules it then holds
FORKED_IMPORTS = f"""
import json, os, sys
{SCRIPT_PREAMBLE}
for name, imports in json.loads(sys.argv[1]).items():
    pid = os.fork()
    if pid == 0:
        try:
            exec(imports, {{}})
            print(name, *sorted(set({HEAVY_MODULES!r}) & set(sys.modules)), flush=True)
        except BaseException as error:
            print(name, "failed:", repr(error), flush=True)
        os._exit(0)
    os.waitpid(pid, 0)
"""


def heavy_imports_of(scripts):
    """{adapter name: heavy modules it holds after the preamble and its import lines}."""
    imports = {script.name: adapter_imports(script) for script in scripts}
    run = subprocess.run([sys.executable, "-c", FORKED_IMPORTS, json.dumps(imports)], cwd=REPO,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = [line.split(" ", 1) for line in run.stdout.splitlines()]
    return {parts[0]: parts[1] if len(parts) > 1 else "" for parts in lines}


def text_only_rules():
    return {rule: script for rule, script in rule_scripts(REPO).items()
            if rule not in MODEL_RULES}


def test_text_only_adapters_import_neither_torch_nor_fairseq():
    scripts = set(text_only_rules().values())
    assert len(scripts) >= 20
    assert heavy_imports_of(scripts) == {script.name: "" for script in scripts}


def test_the_check_sees_a_model_stage_import_torch():
    """The same check on a model stage does see torch, so the test above can fail."""
    found = heavy_imports_of([REPO / "workflow_scripts/classify_score.py"])
    assert "torch" in found["classify_score.py"].split()


PARSE = f"""
import sys
from snakemake.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    print("heavy:", *sorted(set({HEAVY_MODULES!r}) & set(sys.modules)))
    raise
"""


def test_parsing_the_workflow_imports_neither_torch_nor_fairseq(tmp_path):
    classification = tiny_classification(tmp_path / "no_model_needed_for_a_dry_run")
    write_config(tmp_path, {**copy.deepcopy(TINY_CONFIG), "classification": classification})
    run = subprocess.run(
        [sys.executable, "-c", PARSE, "-n", "--snakefile", REPO / "Snakefile", "--directory", tmp_path,
         "--cores", "1", "results/tiny/report/sections.txt", "results/toy_cls/classification.tsv"],
        capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "cls_train" in run.stdout and "decode" in run.stdout  # both DAGs were built
    assert run.stdout.splitlines()[-1] == "heavy:"


def assert_text_only_jobs_imported_neither(workdir, expected_rules):
    imported = job_imports(workdir)
    text_only = set(text_only_rules()) & set(imported)
    assert expected_rules <= text_only
    assert {rule: imported[rule] for rule in text_only} == {rule: set() for rule in text_only}
    return imported


@pytest.mark.e2e
def test_the_tiny_runs_text_only_jobs_imported_neither(tiny_run):
    imported = assert_text_only_jobs_imported_neither(tiny_run, {
        "tokenize", "truecase", "apply_bpe", "enrich", "detokenize_hypotheses", "score", "summary",
        "report_summary", "noise_curve", "provenance", "report_sections", "faithfulness_summary",
        "faithfulness_verdict"})
    assert {"torch", "fairseq"} <= imported["decode"] and "torch" in imported["train"]


@pytest.mark.e2e
def test_the_classification_runs_text_only_jobs_imported_neither(toy_runs):
    imported = assert_text_only_jobs_imported_neither(toy_runs, {
        "cls_examples", "cls_gather_words", "cls_summary", "cls_report_summary", "provenance", "report_sections",
        "cls_quality_summary", "cls_quality_verdict", "cls_enrich", "cls_random_words"})
    assert {"torch", "transformers"} <= imported["cls_score"]
