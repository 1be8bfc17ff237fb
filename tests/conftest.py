"""Shared fixtures: a tiny demo configuration and a helper that runs the real Snakemake DAG."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

REPO = Path(__file__).resolve().parent.parent
SNAKEMAKE = str(Path(sys.executable).parent / "snakemake")
JOB_HOOK = Path(__file__).resolve().parent / "job_hook"  # its sitecustomize records each job's imports

TINY_EXPERIMENT = {
    "dataset": "tiny",
    "bpe_merges": 150,
    "model": {"embed_dim": 32, "ffn_dim": 64, "layers": 1, "heads": 2},
    "train": {"lr": 0.003, "warmup_updates": 50, "dropout": 0.1, "max_tokens": 1500,
              "max_epoch": 6, "patience": 3},
    "finetune": {"max_epoch": 1},
    # fairseq, not the default (auto: CTranslate2 for a Transformer): the suite's references
    # (fairseq-generate's own alignments) are fairseq's, and test_ctranslate2_backend checks
    # CTranslate2 against this run's decode files
    "generate": {"beam": 2, "backend": "fairseq"},
    "bootstrap": 2,
    "controls": ["random", "none"],
    "controls_bootstrap": 1,
    "seeds": [1, 2],
    "noise_rates": [0, 100],
    "significance": {"ar_trials": 200},
    "report_examples": 3,
}
TINY_CONFIG = {
    "datasets": {
        "tiny": {"source": "demo", "src_lang": "fr", "tgt_lang": "en", "seed": 3,
                 "sizes": {"train": 300, "valid": 40, "test": 40}},
    },
    "experiments": {"tiny": TINY_EXPERIMENT},
}


def write_config(workdir, config):
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "config.yaml").write_text(yaml.safe_dump(config))
    return workdir


def run_snakemake(workdir, *args, check=True):
    """Run the project's Snakefile in `workdir` (which holds config.yaml and results/). Every
    script job records the heavy modules it imported (tests/job_hook, read by job_imports).
    Two cores, as `make demo` runs, one thread per job (the rules' own). The scheduler's rate
    limit is 100 jobs per 5 s instead of per second: while jobs wait for a core Snakemake wakes
    once per period, and the longer period halves its own CPU in these runs (docs/measurements.md)."""
    command = [SNAKEMAKE, "--snakefile", str(REPO / "Snakefile"), "--directory", str(workdir),
               "--cores", "2", "--rerun-incomplete", "--max-jobs-per-timespan", "100/5s", *map(str, args)]
    records = Path(workdir) / ".job_modules"
    records.mkdir(parents=True, exist_ok=True)
    python_path = os.pathsep.join(filter(None, [str(JOB_HOOK), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=python_path, IELEARN_JOB_MODULES=str(records))
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"snakemake failed:\n{result.stdout[-4000:]}\n{result.stderr[-6000:]}")
    return result


def job_imports(workdir):
    """{rule: set of heavy modules (torch, fairseq, transformers) any of its jobs imported}
    over every script job run_snakemake has run in `workdir`."""
    imports = {}
    for record in (Path(workdir) / ".job_modules").glob("*.json"):
        job = json.loads(record.read_text())
        imports.setdefault(job["rule"], set()).update(job["heavy"])
    return imports


# The session's two Snakemake runs, in the order `make test`'s two workers start them.
SHARED_RUNS = ("toy_runs", "tiny_run")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist turns the groups into its work units
def pytest_collection_modifyitems(config, items):
    """For `pytest -n 2 --dist loadgroup` (make test): every test that reads one of the
    SHARED_RUNS goes to that run's group, every other test to its module's (a module's
    fixtures are built once) or to the group its module names in XDIST_GROUP (a module whose
    fixture must exist once per machine), and the two runs' groups go first, so that each
    worker starts one of the two long runs at once instead of waiting for the other's."""
    groups = {item: next((run for run in SHARED_RUNS if run in item.fixturenames),
                         getattr(getattr(item, "module", None), "XDIST_GROUP", item.nodeid.split("::")[0]))
              for item in items}
    for item, group in groups.items():
        item.add_marker(pytest.mark.xdist_group(group))
    first = {run: rank for rank, run in enumerate(SHARED_RUNS)}
    items.sort(key=lambda item: first.get(groups[item], len(SHARED_RUNS)))


@pytest.fixture(autouse=True)
def xdist_kept_the_groups(request):
    """pytest-xdist marks a test's group in its id ("…@group"); with pytest 9.2 that mark is
    silently lost (pytest-xdist issue 1386) and both workers would build both runs."""
    if getattr(request.config.option, "loadgroup", False) and "@" not in request.node.nodeid:
        pytest.fail("pytest-xdist's --dist loadgroup did not group the tests (pytest-xdist issue 1386, "
                    "pytest >= 9.2): install the pytest that pyproject.toml pins", pytrace=False)


def built_once(tmp_path_factory, name, build):
    """The directory `build(directory)` fills, built once for the whole test run. Under
    pytest-xdist (`make test` runs two worker processes) every worker has its own session, so
    the first worker to ask builds it in the run's shared temporary directory and the others
    wait on its lock; a build that failed is started afresh by the next to ask."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's directory, above each worker's own
    workdir, finished = root / name, root / f"{name}.finished"
    with FileLock(root / f"{name}.lock"):
        if not finished.exists():
            shutil.rmtree(workdir, ignore_errors=True)
            build(workdir)
            finished.touch()
    return workdir


def build_tiny_run(workdir):
    write_config(workdir, TINY_CONFIG)
    run_snakemake(workdir, "results/tiny/report/sections.txt")
    run_snakemake(workdir, "--report", "results/tiny/report.html", "results/tiny/report/sections.txt")


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory):
    """The tiny experiment run once for the whole session: two seeds, each to bootstrap_2 with
    its controls and two noise rates, and its report.html. Tests read it; one that changes
    files works on a copy."""
    return built_once(tmp_path_factory, "tiny", build_tiny_run)


@pytest.fixture(scope="session")
def toy_runs(tmp_path_factory):
    """The classification experiments toy_cls and toy_seeds, run once for the session in one
    directory (tests/classify_runs.py). Tests read it; one that changes files works on a copy."""
    from classify_runs import run_toy  # here: it imports torch and transformers

    return built_once(tmp_path_factory, "toy", run_toy)
