"""Run an external program so that it never outlives the job that started it.

A job's Python ends in one of four ways: it returns, raises, is sent SIGTERM/SIGINT
(Snakemake, a cluster's preemption or time limit, a user), or is sent SIGKILL (an OOM killer,
`kill -9`). Left alone, a child (fairseq-train) survives the last two under PID 1 and keeps
writing into the job's folder. So the child runs in its own process group, led by a small
guard (ielearn/child_guard.py; a new session: a terminal's Ctrl-C reaches only the job), and
- every exit that runs Python code (return, exception, SIGTERM, SIGINT, atexit) stops the
  group: the child and whatever it started (fairseq's data-loader workers);
- SIGKILL runs no code, so the guard asks Linux for a parent-death signal (prctl
  PR_SET_PDEATHSIG): the kernel sends it SIGTERM when the job dies, and it stops the group.
  The command itself gets a parent-death SIGKILL too, should the guard die first.
"""

import atexit
import os
import signal
import subprocess
import sys
import threading
import time

from ielearn import child_guard
from ielearn.child_guard import GRACE_SECONDS, die_with_parent

_running = {}  # process-group id -> Popen, for atexit
# run by its path, not `-m`: the job's child must not depend on how the job found ielearn;
# -P: its own folder (ielearn/, which holds an io.py) does not go on sys.path
GUARD = [sys.executable, "-P", child_guard.__file__]


def stop_group(process, grace=GRACE_SECONDS):
    """SIGTERM the process group of `process`, SIGKILL whatever is left after `grace` s."""
    pgid = process.pid
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        # the child is gone; its own children (same group) may still be stopping
        deadline = time.monotonic() + grace
        while _group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not _group_alive(pgid):
            break
    _running.pop(pgid, None)


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_all():
    for process in list(_running.values()):
        stop_group(process)


atexit.register(_stop_all)


def _raise_exit(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds into run_child's `finally`, which stops the group


class _TermRaises:
    """While the child runs, SIGTERM (and SIGHUP) raise SystemExit in the job instead of
    ending it at once, so that the group is stopped first; only the main thread may do this."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def __enter__(self):
        self.saved = {}
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                if signal.getsignal(sig) == signal.SIG_DFL:
                    self.saved[sig] = signal.signal(sig, _raise_exit)
        return self

    def __exit__(self, *exc):
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


def run_child(command, *, check=True, capture=False, env=None, pass_fds=()):
    """subprocess.run(command) that cannot outlive this process (see the module's doc).

    capture: collect stdout and stderr as text instead of passing them through (the log).
    pass_fds: descriptors the child keeps, e.g. a folder lock (ielearn/folder_lock.py), which
    then stays held until the child, too, has exited.
    """
    pipe = subprocess.PIPE if capture else None
    with _TermRaises():
        process = subprocess.Popen(
            [*GUARD, *map(str, command)], env=env, stdout=pipe,
            stderr=pipe, text=capture, pass_fds=pass_fds, start_new_session=True,
            preexec_fn=die_with_parent(signal.SIGTERM),
        )
        _running[process.pid] = process
        try:
            stdout, stderr = process.communicate()
        finally:
            stop_group(process)  # the child may have exited while its children had not
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    if check:
        result.check_returncode()
    return result
