"""The real DAG to bootstrap_1 with attention positions (Transformer) and with ConvS2S
(fconv, also with positions, the paper's best ConvS2S setting)."""

import json
import shutil

import pytest

from conftest import TINY_CONFIG, TINY_EXPERIMENT, run_snakemake, write_config
from ielearn.io import read_lines
from ielearn.nmt.attention import resolve_positions
from ielearn.nmt.fairseq_plugin.source_positions import positions_prefix, read_positions
from test_dag import job_counts
from test_fairseq_reference import fairseq_generate

pytestmark = pytest.mark.e2e

# one seed, no controls, no noise curve: what these tests check is in iteration 1 of seed 1
ONE_ITERATION = {"bootstrap": 1, "controls": [], "seeds": [1], "noise_rates": []}
EXPERIMENTS = {
    "tiny_positions": {**TINY_EXPERIMENT, **ONE_ITERATION, "positions": True},
    "tiny_fconv": {
        **TINY_EXPERIMENT, **ONE_ITERATION, "arch": "fconv", "positions": True,
        "model": {"embed_dim": 32, "layers": 1},
        # the paper's ConvS2S optimiser settings are the fconv defaults; only the size is tiny
        "train": {"max_tokens": 1500, "max_epoch": 6, "patience": 3},
        "finetune": {"max_epoch": 1},
    },
}
MODEL_CLASSES = {"tiny_positions": "TransformerWithPositions", "tiny_fconv": "FConvWithPositions"}


@pytest.fixture(scope="module")
def positions_run(tiny_run, tmp_path_factory):
    """Both experiments from the tiny run's preprocessed data (the same dataset and BPE
    settings; copy2 keeps the mtimes, so Snakemake redoes none of its 24 stages per
    experiment): what differs starts at binarisation, where the positions come in."""
    config = {"datasets": TINY_CONFIG["datasets"], "experiments": EXPERIMENTS}
    workdir = write_config(tmp_path_factory.mktemp("positions_dag"), config)
    for exp in EXPERIMENTS:
        shutil.copytree(tiny_run / "results/tiny/data", workdir / f"results/{exp}/data")
    result = run_snakemake(workdir, *(f"results/{exp}/{table}" for exp in EXPERIMENTS
                                      for table in ("summary.tsv", "faithfulness.tsv")))
    ran = job_counts(result.stdout + result.stderr)
    assert (ran["binarize"], ran.get("corpus", 0), ran.get("build_dictionaries", 0)) == (4, 0, 0), ran
    return workdir


@pytest.mark.parametrize("exp", EXPERIMENTS)
def test_faithfulness_scores_the_plugin_models(positions_run, exp):
    """fairseq's SequenceScorer through the positions task (src_positions in every batch)."""
    import math

    from ielearn.io import read_tsv

    rows = read_tsv(positions_run / f"results/{exp}/faithfulness.tsv")
    assert [(row["iteration"], row["seeds"]) for row in rows] == [("0", "1"), ("1", "1")]
    assert all(math.isfinite(float(row[f"{m}_mean"])) for row in rows for m in ("drop_attended", "drop_random", "drop_matched"))
    scored = read_tsv(positions_run / f"results/{exp}/iter_1/faithfulness/test.tsv")
    assert len(scored) == TINY_CONFIG["datasets"]["tiny"]["sizes"]["test"]
    assert all(r["masked_attended"] == r["masked_random"] for r in scored)  # as many random tokens


@pytest.mark.parametrize("exp", EXPERIMENTS)
def test_bootstrap_1_is_scored(positions_run, exp):
    for k in (0, 1):
        record = json.loads((positions_run / f"results/{exp}/bootstrap_{k}.bleu").read_text())
        assert record["name"] == "BLEU" and 0 <= record["score"] <= 100


@pytest.mark.parametrize("exp", EXPERIMENTS)
def test_training_used_the_plugin_task_and_model(positions_run, exp):
    for k in (0, 1):
        log = (positions_run / f"results/{exp}/logs/train/iter_{k}.log").read_text()
        assert "task: TranslationPositionsTask" in log
        assert f"model: {MODEL_CLASSES[exp]}" in log


@pytest.mark.parametrize("exp", EXPERIMENTS)
def test_binarised_ids_are_the_enrich_origins(positions_run, exp):
    here = positions_run / f"results/{exp}/iter_1"
    appended = False
    for split in ("train", "valid", "test"):
        origins = [[int(i) for i in line.split()]
                   for line in read_lines(here / "input" / f"{split}.origin")]
        stored = read_positions(positions_prefix(here / "bin", split))
        assert [stored[n].tolist() for n in range(len(stored))] == [o + [len(o)] for o in origins]
        appended |= any(o != list(range(len(o))) for o in origins)
    assert appended, "no appended word: the ids were never exercised"


@pytest.mark.parametrize("exp", EXPERIMENTS)
def test_fairseq_generate_with_the_plugin_task_matches_our_extraction(positions_run, exp):
    here = positions_run / f"results/{exp}/iter_1"
    hyps, alignments = fairseq_generate(here / "bin", here / "model/best.pt", "test", beam=2,
                                        task="ielearn_translation_positions")
    assert read_lines(here / "decode/test.hyp") == hyps
    # fairseq's alignment (fconv: attention averaged over its layers), resolved back to x
    origins = [[int(i) for i in line.split()] for line in read_lines(here / "input/test.origin")]
    ours = [[int(p) for p in line.split()] for line in read_lines(here / "decode/test.pos")]
    assert ours == [resolve_positions(a, o) for a, o in zip(alignments, origins)]
