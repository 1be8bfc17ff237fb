"""One writer per model folder: a lock a second training refuses and a dead owner releases.

fcntl.flock on a file in the folder. The OS releases it when every process holding the open
file has exited, so no stale lock outlives a killed job; and when the training's external
program is handed the descriptor (run_child's pass_fds), the folder stays locked for as long
as that program runs, even if it somehow outlived the job.
"""

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from ielearn.errors import UserError

LOCK_NAME = "ielearn-training.lock"


@contextmanager
def own_folder(folder):
    """Hold `folder`'s lock (creating both) for the `with` block; yields the lock's descriptor.
    UserError naming the folder when another process holds it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise UserError(
                f"{folder} is being trained by another process (pid {owner}, recorded in {path}); "
                "wait for it to finish or stop it, then rerun: two trainings must not share a "
                "model folder"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield fd
    finally:
        os.close(fd)
