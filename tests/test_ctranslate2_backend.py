"""generate.backend ctranslate2: the converted model translates the tiny run's test split as
fairseq did (the pipeline's own decode files are the reference), its attention positions follow
fairseq's rule (last layer, all heads averaged: the checkpoint's own alignment_heads would take
one head; the first step's attention taken from one greedy step, since CTranslate2's beam
search gives another sentence's in a batch: without that 37 of 40 sentences differed here),
and the settings it cannot serve fail at config time."""

import copy
import shutil
import sys

import pytest
import yaml

from conftest import TINY_CONFIG, run_snakemake
from test_dag import job_counts
from ielearn.config import validate_config
from ielearn.errors import UserError
from ielearn.io import read_lines
from ielearn.nmt import ctranslate2_backend
from ielearn.nmt.ctranslate2_backend import convert_checkpoint, decode_splits_ctranslate2, hard_alignment

pytestmark = pytest.mark.e2e


def decode_as_the_pipeline(run, iteration, converted, out_dir):
    """Decode the test split of the tiny run's model `iteration` with CTranslate2, reading
    what the pipeline's decode job read."""
    data = run / "results/tiny/data/bpe/test.src"
    here = run / f"results/tiny/iter_{iteration}"
    paths = {"input_path": here / "input/test.src" if iteration else data, "source_path": data,
             "origin_path": here / "input/test.origin" if iteration else None,
             "out_paths": {kind: out_dir / f"test.{kind}" for kind in ("hyp", "pos", "words")}}
    decode_splits_ctranslate2(converted, {"test": paths}, beam=2)
    return {kind: read_lines(path) for kind, path in paths["out_paths"].items()}


@pytest.mark.parametrize("iteration", [0, 1])
def test_ctranslate2_translates_and_attends_as_fairseq(tiny_run, tmp_path, iteration):
    here = tiny_run / f"results/tiny/iter_{iteration}"
    converted = convert_checkpoint(here / "model/best.pt", here / "bin", tmp_path / "ctranslate2")
    assert (converted / "model.bin").exists() and not (tmp_path / "ctranslate2.partial").exists()
    ours = decode_as_the_pipeline(tiny_run, iteration, converted, tmp_path)
    fairseq = {kind: read_lines(here / f"decode/test.{kind}") for kind in ("hyp", "pos", "words")}
    same = [i for i, (a, b) in enumerate(zip(ours["hyp"], fairseq["hyp"])) if a == b]
    assert len(ours["hyp"]) == len(fairseq["hyp"]) == 40
    assert len(same) >= 38, f"only {len(same)} of 40 hypotheses equal fairseq's"
    # where the hypotheses agree, the attention positions (resolved into x) and words must too
    assert [ours["pos"][i] for i in same] == [fairseq["pos"][i] for i in same]
    assert [ours["words"][i] for i in same] == [fairseq["words"][i] for i in same]


def test_the_checkpoints_own_alignment_heads_would_not_be_fairseqs_rule(tiny_run, tmp_path, monkeypatch):
    """With the converter's default (the checkpoint's alignment_heads = 1: the first head) the
    positions differ from fairseq's: the all-heads setting is what the test above checks."""
    monkeypatch.setattr(ctranslate2_backend, "ALL_HEADS", 1)
    here = tiny_run / "results/tiny/iter_0"
    converted = convert_checkpoint(here / "model/best.pt", here / "bin", tmp_path / "first_head")
    ours = decode_as_the_pipeline(tiny_run, 0, converted, tmp_path)
    assert ours["pos"] != read_lines(here / "decode/test.pos")


def test_hard_alignment_takes_the_first_maximum_over_the_input():
    attention = [[0.1, 0.5, 0.5, 0.9], [0.7, 0.2, 0.1, 0.0]]  # the last column: beyond the input
    assert hard_alignment(attention, 3) == [(1, 0), (0, 1)]


def config_with(**generate_and_more):
    config = copy.deepcopy(TINY_CONFIG)
    experiment = config["experiments"]["tiny"]
    experiment["generate"] = {**experiment["generate"], "backend": "ctranslate2"}
    for key, value in generate_and_more.items():
        target = experiment["generate"] if key == "max_len_a" else experiment
        target[key] = value
    return config


@pytest.mark.parametrize("setting, named", [
    ({"arch": "fconv", "model": {"embed_dim": 32, "layers": 1}}, "arch: fconv"),
    ({"positions": True}, "positions: true"),
    ({"max_len_a": 1.2}, "generate.max_len_a"),
])
def test_settings_ctranslate2_cannot_serve_fail_at_config_time(setting, named):
    with pytest.raises(UserError, match="generate") as error:
        validate_config(config_with(**setting))
    assert named in str(error.value) and "fairseq" in str(error.value)


@pytest.mark.parametrize("setting, backend", [
    ({}, "ctranslate2"),
    ({"arch": "fconv", "model": {"embed_dim": 32, "layers": 1}}, "fairseq"),
    ({"positions": True}, "fairseq"),
    ({"max_len_a": 1.2}, "fairseq"),
])
def test_auto_is_ctranslate2_where_it_can_express_the_model_and_fairseq_elsewhere(setting, backend):
    config = config_with(**setting)
    config["experiments"]["tiny"]["generate"]["backend"] = "auto"
    assert validate_config(config)["experiments"]["tiny"]["generate"]["backend"] == backend
    config["experiments"]["tiny"]["generate"].pop("backend")  # auto is the default
    assert validate_config(config)["experiments"]["tiny"]["generate"]["backend"] == backend


def test_the_pipeline_decodes_with_ctranslate2_as_fairseq_did(tiny_run, tmp_path):
    """The rules' path (convert once, then decode valid and test from the converted copy) on a
    copy of the tiny run's data and model 0, under the default backend; its files against the
    tiny run's own fairseq decode of the same model."""
    for part in ("data", "iter_0/bin", "iter_0/model"):
        shutil.copytree(tiny_run / "results/tiny" / part, tmp_path / "results/tiny" / part)
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"]["generate"].pop("backend")
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(tmp_path, "results/tiny/iter_0/decode/test.hyp")
    ran = job_counts(result.stdout + result.stderr)
    assert (ran["convert_ctranslate2"], ran["decode"], ran.get("train", 0)) == (1, 1, 0), ran
    assert (tmp_path / "results/tiny/iter_0/ctranslate2/model.bin").exists()
    ours, fairseq = (
        {kind: read_lines(run / f"results/tiny/iter_0/decode/test.{kind}") for kind in ("hyp", "pos", "words")}
        for run in (tmp_path, tiny_run))
    same = [i for i, (a, b) in enumerate(zip(ours["hyp"], fairseq["hyp"])) if a == b]
    assert len(ours["hyp"]) == 40 and len(same) >= 38, f"only {len(same)} of 40 hypotheses equal fairseq's"
    assert [ours["pos"][i] for i in same] == [fairseq["pos"][i] for i in same]
    assert [ours["words"][i] for i in same] == [fairseq["words"][i] for i in same]


def test_a_missing_ctranslate2_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    with pytest.raises(UserError, match=r"pip install ctranslate2==[\d.]+.*generate.backend: fairseq"):
        ctranslate2_backend.load_translator("anywhere")


def test_the_dag_converts_each_decoded_model_once(tmp_path):
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config_with()))
    counts = job_counts(run_snakemake(tmp_path, "-n", "results/tiny/bootstrap_1.bleu").stdout)
    # models 0 and 1 (the first seed's run), decoded on valid and test, and model 0 on train
    # too (the next input's words): two conversions serve the three decode jobs
    assert (counts["convert_ctranslate2"], counts["decode"], counts["decode_train"]) == (2, 2, 1)
