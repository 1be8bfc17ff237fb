"""Provenance records: what they say is what this environment reports, and a chain of
trainings is summed up right (a resumed one, one without a record)."""

import json
import sys

import fairseq
import numpy
import sacrebleu
import torch
import transformers

from ielearn.provenance.environment import package_versions
from ielearn.provenance.records import (
    TRAINING_RECORD,
    score_record,
    score_record_path,
    write_training_record,
)
from ielearn.provenance.table import headline, provenance_row


def test_versions_are_those_the_imported_packages_report():
    versions = package_versions()
    assert versions["python"] == ".".join(map(str, sys.version_info[:3]))
    for module in (torch, fairseq, transformers, sacrebleu, numpy):
        assert versions[module.__name__] == module.__version__, module.__name__
    assert versions["snakemake"]  # installed in every environment that runs the workflow


def test_a_training_record_describes_this_machine(tmp_path):
    path = tmp_path / TRAINING_RECORD
    write_training_record(path, threads=3, seed=7, resumed=True, uses_cuda=False)
    record = json.loads(path.read_text())
    assert record["cpu_capability"] == torch.backends.cpu.get_cpu_capability()
    assert record["device"] == "cpu"  # a job that does not use CUDA says so even beside a GPU
    assert (record["threads"], record["seed"], record["resumed"]) == (3, 7, True)
    assert record["packages"] == package_versions()


def test_a_fairseq_job_names_the_gpus_it_sees(tmp_path):
    write_training_record(tmp_path / "r.json", threads=1, seed=1, resumed=False, uses_cuda=True)
    gpus = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    assert json.loads((tmp_path / "r.json").read_text())["device"] == (", ".join(gpus) or "cpu")


def chain(tmp_path, resumed):
    """Model directories of iterations 0..len(resumed)-1; None: a model without a record."""
    models = []
    for k, flag in enumerate(resumed):
        model = tmp_path / f"iter_{k}/model"
        model.mkdir(parents=True)
        if flag is not None:
            write_training_record(model / TRAINING_RECORD, 1, seed=5, resumed=flag, uses_cuda=False)
        models.append(str(model))
    return models


def test_a_score_record_holds_every_training_of_its_chain(tmp_path):
    models = chain(tmp_path, [False, True, False])
    record = score_record(tmp_path / "bootstrap_2.score", models, words_seed=11)
    assert record["resumed"] is True
    assert [step["record"] for step in record["iterations"]] == [f"{m}/{TRAINING_RECORD}" for m in models]
    assert [step["training"]["resumed"] for step in record["iterations"]] == [False, True, False]
    assert record["seeds"] == {"training": [5, 5, 5], "words": 11}
    row = provenance_row(1, "lime", 2, record)
    assert row["resumed"] == "yes (iteration 1)"
    assert row["cpu_capability"] == torch.backends.cpu.get_cpu_capability()
    assert row["torch"] == torch.__version__
    assert "one machine and build; 1 of 1" in headline([row])


def test_a_model_without_a_record_is_unknown_not_fresh(tmp_path):
    record = score_record(tmp_path / "bootstrap_1.bleu", chain(tmp_path, [None, False]), None)
    assert record["resumed"] is None
    row = provenance_row(1, "attention", 1, record)
    assert row["resumed"] == "unknown (no record of iteration 0)"
    assert row["device"] == "cpu | unknown"


def test_rows_from_other_machines_are_told_apart(tmp_path):
    record = score_record(tmp_path / "bootstrap_0.bleu", chain(tmp_path, [False]), None)
    other = json.loads(json.dumps(record))
    other["iterations"][0]["training"]["cpu_capability"] = "an other capability"
    rows = [provenance_row(1, "attention", 0, record), provenance_row(2, "attention", 0, other)]
    assert headline(rows).startswith("The results come from different machines or builds "
                                     f"(cpu_capability: {torch.backends.cpu.get_cpu_capability()} / "
                                     "an other capability): compare them only within seed noise")


def test_the_record_keeps_the_score_suffix():
    # a classification baseline's record must not share a path pattern with a translation run's
    assert score_record_path("results/x/bootstrap_0.score") == "results/x/bootstrap_0.score.provenance.json"
    assert score_record_path("results/x/bootstrap_0.bleu") == "results/x/bootstrap_0.bleu.provenance.json"
