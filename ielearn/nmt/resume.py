"""Whether fairseq may resume from the `checkpoint_last.pt` a killed training left behind.

fairseq resumes from any checkpoint_last.pt in the save directory. That is right only when
everything that determined it is unchanged: the fairseq flags, the binarised data and
dictionaries (the flags hold only their paths), and the model a fine-tune starts from.
Before training, a record of all three is written beside the checkpoint; a checkpoint whose
record differs (or is missing) is removed with a one-line warning naming what changed.
"""

import hashlib
import logging
from pathlib import Path

from ielearn.io import read_json, write_json

log = logging.getLogger(__name__)
RECORD = "ielearn-resume.json"
CHUNK = 1 << 20


def fingerprint(path):
    """sha256 over a file, or over the names and contents of every file under a directory."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for file in files:
        digest.update(str(file.relative_to(path) if path.is_dir() else file.name).encode() + b"\0")
        with open(file, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def resume_record(args, data_dir, init_from=None):
    """What determines a checkpoint: the flags, the data, and the model it fine-tunes."""
    return {
        "args": [str(arg) for arg in args],
        "data": fingerprint(data_dir),
        "init": None if init_from is None else fingerprint(init_from),
    }


WHY = {
    "args": "the training settings changed",
    "data": "the binarised data or dictionaries changed",
    "init": "the model it fine-tunes from changed",
}


def stale_reason(old, new):
    """Why a checkpoint recorded as `old` must not resume a training described by `new`."""
    if old is None:
        return "no record of the data and settings it was trained with"
    for key, why in WHY.items():
        if old.get(key) != new[key]:
            return why
    return None


def forget_stale_checkpoint(save_dir, record):
    """Remove checkpoint_last.pt unless it was written for `record`; then store `record`.

    Returns True when a checkpoint is left for fairseq to resume from.
    """
    save_dir = Path(save_dir)
    last, stored = save_dir / "checkpoint_last.pt", save_dir / RECORD
    resumable = last.exists()
    if resumable:
        old = read_json(stored) if stored.exists() else None
        reason = stale_reason(old, record)
        if reason:
            log.warning("not resuming from %s: %s; training from the start", last, reason)
            last.unlink()
            # the best of the stale run must not stand in for the new run's best either
            (save_dir / "checkpoint_best.pt").unlink(missing_ok=True)
            resumable = False
        else:
            log.info("resuming from %s: same settings, data and initial model", last)
    write_json(stored, record)
    return resumable
