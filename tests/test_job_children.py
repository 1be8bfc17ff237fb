"""Nothing a job starts outlives it (ielearn/child_process.py), and one training owns a model
folder at a time (ielearn/folder_lock.py). The job is a Python process that starts a
stand-in child (which starts a grandchild) through run_child, as train_model starts
fairseq-train; tests/test_training_killed.py does the same with a real fairseq training."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from ielearn.child_process import run_child
from ielearn.errors import UserError
from ielearn.folder_lock import own_folder

from process_table import gone, members, wait_until

# the child starts a grandchild in its own group and both sleep; each names the folder
CHILD = textwrap.dedent("""
    import subprocess, sys, time
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", sys.argv[1] + "/grandchild"])
    time.sleep(60)
""")


def start_job(folder, hold_lock=True):
    """A job's Python: owns `folder`, runs the child through run_child (lock passed on)."""
    code = textwrap.dedent(f"""
        import sys
        from ielearn.child_process import run_child
        from ielearn.folder_lock import own_folder
        with own_folder({str(folder)!r}) as lock:
            run_child([sys.executable, "-c", {CHILD!r}, {str(folder)!r}], pass_fds=(lock,))
    """)
    # SIGINT as a terminal delivers it: a pytest-xdist worker ignores SIGINT, and its children
    # would inherit that (Python keeps an inherited SIG_IGN), so the job would never see it
    job = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # running: the guard, the child and its grandchild are up
    assert wait_until(lambda: len(members(naming=str(folder))) >= 4, 20), members(naming=str(folder))
    return job


def children_of(job, folder):
    return [pid for pid in members(naming=str(folder)) if pid != job.pid]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_nothing_of_a_killed_job_survives(tmp_path, sig):
    folder = tmp_path / "model"
    job = start_job(folder)
    child = os.getpgid(children_of(job, folder)[0])
    os.kill(job.pid, sig)
    job.wait(timeout=20)
    # SIGKILL runs no code: the kernel's parent-death signal reaches the group's guard, which
    # stops the group; the other signals stop it from the job; grandchild included either way
    # at once: within the guard's grace (3 s) would mean it waited instead of stopping
    assert gone(pgid=child, timeout=2), members(pgid=child)
    assert gone(naming=str(folder), timeout=2), members(naming=str(folder))
    assert job.returncode != 0


def test_the_group_is_stopped_when_the_child_returns(tmp_path):
    """A child that exits and leaves its own child running: run_child stops that one too."""
    code = ("import subprocess, sys; "
            "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', sys.argv[1]])")
    run_child([sys.executable, "-c", code, str(tmp_path)])
    assert gone(naming=str(tmp_path), timeout=5)


def test_a_failing_child_raises_and_capture_returns_its_output(tmp_path):
    with pytest.raises(subprocess.CalledProcessError):
        run_child([sys.executable, "-c", "raise SystemExit(3)"])
    result = run_child([sys.executable, "-c", "print('out')"], capture=True)
    assert result.stdout == "out\n" and result.returncode == 0


def test_a_second_writer_is_refused_and_a_dead_owner_releases(tmp_path):
    folder = tmp_path / "model"
    job = start_job(folder)
    with pytest.raises(UserError, match=f"{folder} is being trained by another process \\(pid {job.pid}"):
        with own_folder(folder):
            pass
    os.kill(job.pid, signal.SIGKILL)
    job.wait(timeout=20)
    # the lock goes with the last process that holds it: the job, then its child's group
    assert gone(naming=str(folder), timeout=10)
    with own_folder(folder):
        pass
