"""The live processes as /proc shows them (Linux): who belongs to a process group, whose
command line names a path, and waiting for them to be gone."""

import os
import time
from pathlib import Path


def _processes():
    """{pid: (process group, command line, working directory)} of every live (non-zombie) process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd")
        except OSError:  # it exited meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        if fields[0] != "Z":
            table[int(entry.name)] = (int(fields[2]), cmdline, cwd)
    return table


def members(pgid=None, naming=None, cwd=None):
    """pids in process group `pgid`, whose command line contains `naming`, running in `cwd`
    (each condition only where given)."""
    return sorted(pid for pid, (group, cmdline, where) in _processes().items()
                  if (pgid is None or group == pgid) and (naming is None or naming in cmdline)
                  and (cwd is None or where == str(cwd)))


def wait_until(condition, timeout, step=0.05):
    """True once condition() is, False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True


def gone(timeout=10, **which):
    """Whether every process `members(**which)` names has exited within `timeout` seconds."""
    return wait_until(lambda: not members(**which), timeout)
