"""The leader of a child's process group (run_child, ielearn/child_process.py).

    python -P ielearn/child_guard.py COMMAND...

runs COMMAND in its own group and exits with its status. The kernel's parent-death signal
reaches only a process's direct child, not what that child started (fairseq's data-loader
workers outlived a SIGKILLed fairseq-train by seconds). So this guard, which run_child starts
with a parent-death SIGTERM, answers SIGTERM, SIGINT and SIGHUP by stopping the whole group:
a SIGKILLed job takes every process of its child's group with it at once.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

# standard library only: run_child starts this file by its path
PR_SET_PDEATHSIG = 1  # linux/prctl.h
GRACE_SECONDS = 3  # SIGTERM first (a clean exit), SIGKILL after this


def _prctl():
    """libc's prctl, looked up in the parent (loading a library after fork is unsafe), or
    None where the OS has none (macOS: every exit but SIGKILL still stops the group)."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    except OSError:
        return None


def die_with_parent(sig):
    """A preexec_fn (it runs in the child between fork and exec) that asks for `sig` when
    this process, the child's parent, dies."""
    prctl, parent = _prctl(), os.getpid()

    def preexec():
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
            if os.getppid() != parent:  # the parent died before the request took effect
                os._exit(1)

    return preexec


def _running(pid):
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == 0
    except ChildProcessError:
        return False


def _stop_group(child):
    def handler(_signum, _frame):
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)  # the group's SIGTERM reaches this guard too
        os.killpg(0, signal.SIGTERM)
        # not child.wait(): the interrupted child.wait() in main holds its lock, so a wait
        # here would sleep out the whole grace
        deadline = time.monotonic() + GRACE_SECONDS
        while time.monotonic() < deadline and _running(child.pid):
            time.sleep(0.02)
        os.killpg(0, signal.SIGKILL)  # whatever is left, this guard last

    return handler


def main(command):
    # close_fds=False: the descriptors run_child passed on (a folder lock) go to the command
    child = subprocess.Popen(command, close_fds=False, preexec_fn=die_with_parent(signal.SIGKILL))
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _stop_group(child))
    status = child.wait()
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
