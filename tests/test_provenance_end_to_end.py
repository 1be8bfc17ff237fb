"""The tiny run's provenance: a record beside every score, holding the chain of trainings as
this machine and environment describe them; and a resumed training marked as such."""

import json
import shutil

import pytest
import torch

from conftest import run_snakemake
from ielearn.provenance.environment import package_versions
from ielearn.provenance.table import provenance_row

pytestmark = pytest.mark.e2e

# (replicate seed, run, iterations scored)
RUNS = [(1, "tiny", 3), (2, "tiny/seed_2", 3), (1, "tiny/control_random", 2),
        (2, "tiny/seed_2/control_none", 2)]


def expected_device():
    """fairseq trains on every GPU it sees, else on the CPU."""
    return ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())) or "cpu"


def read_record(workdir, run, k):
    return json.loads((workdir / f"results/{run}/bootstrap_{k}.bleu.provenance.json").read_text())


@pytest.mark.parametrize("seed, run, iterations", RUNS)
def test_every_score_has_the_record_of_its_trainings(tiny_run, seed, run, iterations):
    replicate = run.removesuffix("/control_random").removesuffix("/control_none")
    for k in range(1 if "control" in run else 0, iterations):
        record = read_record(tiny_run, run, k)
        models = [f"results/{replicate if j == 0 else run}/iter_{j}/model/ielearn-training.json"
                  for j in range(k + 1)]
        assert [step["record"] for step in record["iterations"]] == models
        for step in record["iterations"]:
            training = step["training"]
            assert training["resumed"] is False
            assert training["seed"] == seed
            assert training["threads"] == 1  # the job's threads: the train rule's one
            assert training["device"] == expected_device()
            assert training["cpu_capability"] == torch.backends.cpu.get_cpu_capability()
            assert training["packages"] == package_versions()
        assert record["resumed"] is False
        assert record["scored_with"]["packages"] == package_versions()
        draws = k >= 1 and "control_random" in run  # tiny has noise 0: only the control draws
        assert record["seeds"] == {"training": [seed] * (k + 1), "words": seed if draws else None}


def test_the_table_has_a_row_per_score(tiny_run):
    lines = (tiny_run / "results/tiny/provenance.tsv").read_text().splitlines()
    header, rows = lines[0].split("\t"), [dict(zip(lines[0].split("\t"), line.split("\t"))) for line in lines[1:]]
    assert header[:4] == ["seed", "system", "iteration", "resumed"]
    # the summary's 2 seeds x (3 iterations + 2 controls); both noise rates reuse one of them
    assert sorted((r["seed"], r["system"], r["iteration"]) for r in rows) == sorted(
        (seed, system, k) for seed in "12" for system, k in
        [("attention", "0"), ("attention", "1"), ("attention", "2"), ("random", "1"), ("none", "1")])
    for row in rows:
        assert row["resumed"] == "no"
        assert row["torch"] == torch.__version__
        assert row["cpu_capability"] == torch.backends.cpu.get_cpu_capability()
        assert row["device"] == expected_device()


def test_a_resumed_training_is_recorded_as_resumed(tiny_run, tmp_path):
    """A kill after the last epoch leaves checkpoint_last/best.pt; the rerun resumes from them."""
    workdir = tmp_path / "tiny"
    # locks: a dry run of another test (another worker) may hold the shared run's for a moment
    shutil.copytree(tiny_run, workdir, ignore=shutil.ignore_patterns("report.html", "locks"))
    model = workdir / "results/tiny/iter_0/model"
    for name in ("checkpoint_last.pt", "checkpoint_best.pt"):
        shutil.copy(model / "best.pt", model / name)
    other_baseline = workdir / "results/tiny/seed_2/iter_0/model/best.pt"
    trained_at = other_baseline.stat().st_mtime_ns
    # the target first: after --forcerun it would be one more thing to force, and Snakemake
    # would rerun the whole DAG (default target) with every training forced
    run_snakemake(workdir, "results/tiny/bootstrap_0.bleu", "--forcerun", "train")
    assert "Loaded checkpoint" in (workdir / "results/tiny/logs/train/iter_0.log").read_text()
    assert json.loads((model / "ielearn-training.json").read_text())["resumed"] is True
    record = read_record(workdir, "tiny", 0)
    assert record["resumed"] is True
    assert provenance_row(1, "attention", 0, record)["resumed"] == "yes (iteration 0)"
    # the other seed's baseline was not trained again
    assert other_baseline.stat().st_mtime_ns == trained_at
    assert read_record(workdir, "tiny/seed_2", 0)["resumed"] is False
