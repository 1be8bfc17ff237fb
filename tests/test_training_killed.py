"""A real fairseq training whose job is killed with SIGKILL after its first epoch (an OOM
killer, a user's `kill -9`): no fairseq process of its folder survives, the folder's lock is
free, a rerun on the same data resumes from the checkpoint it left, and a rerun on changed
data trains from scratch even if an old checkpoint_last.pt reappears after the decision.
Paths are relative to the run's directory, as the pipeline's are, so a copy holds the same flags.
"""

import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

import ielearn.nmt.train as train_module
from ielearn.folder_lock import own_folder
from ielearn.nmt.resume import RESUME_SNAPSHOT
from ielearn.nmt.train import train_model, training_args

from process_table import gone, members, wait_until
from test_resume_checkpoint import HP, MODEL, prepare

ARGS = training_args("transformer", MODEL, {**HP, "max_epoch": 8, "patience": -1}, seed=1)
JOB = textwrap.dedent(f"""
    from ielearn.nmt.train import train_model
    train_model("bin", "model", "best.pt", {ARGS!r})
""")


@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    """(a copy of the run directory as the kill left it, the fairseq process groups that were
    running in it when its training's Python was SIGKILLed after the first checkpoint)."""
    directory = tmp_path_factory.mktemp("killed")
    prepare(directory)
    job = subprocess.Popen([sys.executable, "-c", JOB], cwd=directory,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_until((directory / "model/checkpoint_last.pt").exists, 120, step=0.02), "no checkpoint in 2 min"
    fairseq = [pid for pid in members(naming="fairseq-train", cwd=directory) if pid != job.pid]
    assert fairseq, "fairseq-train is not running"
    job.send_signal(signal.SIGKILL)
    job.wait()
    # the group's guard gets the kernel's parent-death signal and stops fairseq-train and its
    # data-loader workers (which alone would outlive fairseq-train by seconds)
    survivors = [] if gone(cwd=directory, timeout=2) else members(cwd=directory)
    copy = tmp_path_factory.mktemp("as_killed") / "run"
    shutil.copytree(directory, copy)
    return copy, directory, fairseq, survivors


def rerun(killed, tmp_path, monkeypatch):
    run = tmp_path / "run"
    shutil.copytree(killed[0], run)
    monkeypatch.chdir(run)
    return run


def test_no_fairseq_process_of_the_folder_survives(killed):
    _, directory, fairseq, survivors = killed
    assert survivors == []
    assert not any(members(pgid=pid) for pid in fairseq)
    with own_folder(directory / "model"):  # the dead owners released the folder
        pass


def test_a_rerun_on_the_same_data_resumes(killed, tmp_path, capfd, monkeypatch):
    run = rerun(killed, tmp_path, monkeypatch)
    assert train_model("bin", "model", "best.pt", ARGS) is True
    output = capfd.readouterr()
    assert f"Loaded checkpoint model/{RESUME_SNAPSHOT}" in output.out + output.err
    assert (run / "best.pt").exists() and not (run / "model" / RESUME_SNAPSHOT).exists()


def test_changed_data_trains_from_scratch_even_if_a_checkpoint_reappears(killed, tmp_path, capfd, caplog,
                                                                       monkeypatch):
    run = rerun(killed, tmp_path, monkeypatch)
    old = shutil.copy(run / "model/checkpoint_last.pt", tmp_path / "old.pt")
    prepare(run, shift_targets=True)  # same dictionaries, other training data
    decide = train_module.forget_stale_checkpoint

    def decide_then_reappear(save_dir, record):
        resumable = decide(save_dir, record)
        shutil.copy(old, save_dir / "checkpoint_last.pt")  # what an orphan of the old run would write
        return resumable

    monkeypatch.setattr(train_module, "forget_stale_checkpoint", decide_then_reappear)
    assert train_model("bin", "model", "best.pt", ARGS) is False
    output = capfd.readouterr()
    assert "Loaded checkpoint" not in output.out + output.err
    assert any("not resuming" in r.getMessage() and "data or dictionaries changed" in r.getMessage()
               for r in caplog.records)
