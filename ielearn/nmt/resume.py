"""Whether fairseq may resume from the `checkpoint_last.pt` a killed training left behind.

fairseq resumes from any checkpoint_last.pt in the save directory. That is right only when
everything that determined it is unchanged: the fairseq flags, the binarised data and
dictionaries (the flags hold only their paths), and the model a fine-tune starts from.
Before training, a record of all three is written beside the checkpoint; a checkpoint whose
record differs (or is missing) is removed with a one-line warning naming what changed, and so
is one cut short: fairseq writes checkpoint_last.pt as a plain copy of checkpoint_best.pt
when both are saved, so a kill can leave half a file.

The decision holds even if a checkpoint_last.pt reappears after it was made (a writer outside
the folder lock): fairseq is told exactly what to load (restore_args), never to look for
checkpoint_last.pt itself.
"""

import hashlib
import logging
import os
import shutil
import zipfile
from pathlib import Path

from ielearn.io import read_json, write_json

log = logging.getLogger(__name__)
RECORD = "ielearn-resume.json"
# the checkpoint a resume loads: a link to the checkpoint_last.pt the decision accepted
RESUME_SNAPSHOT = "ielearn-resume-from.pt"
# what a fresh start names as its checkpoint: never written, so fairseq starts from scratch
NO_CHECKPOINT = "ielearn-no-checkpoint.pt"
# what fairseq's --finetune-from-model does on a first launch, written out: with it fairseq
# would still load a checkpoint_last.pt that exists when it starts
FINETUNE_RESETS = ["--reset-optimizer", "--reset-lr-scheduler", "--reset-meters", "--reset-dataloader"]
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


def cut_short(checkpoint):
    """Why `checkpoint` cannot be loaded, or None. torch.save writes a zip archive whose index
    is at its end, so a file cut short has none."""
    return None if zipfile.is_zipfile(checkpoint) else "the file was cut short (killed while it was written)"


def forget_stale_checkpoint(save_dir, record):
    """Remove checkpoint_last.pt unless it was written for `record`; then store `record`.

    Returns True when a checkpoint is left for fairseq to resume from.
    """
    save_dir = Path(save_dir)
    last, stored = save_dir / "checkpoint_last.pt", save_dir / RECORD
    resumable = last.exists()
    if resumable:
        old = read_json(stored) if stored.exists() else None
        reason = cut_short(last) or stale_reason(old, record)
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


def restore_args(save_dir, resumable, init_from=None):
    """fairseq-train flags that load only what forget_stale_checkpoint decided: the accepted
    checkpoint (a link made now, so a later checkpoint_last.pt is not it), else the initial
    model with optimizer, scheduler, meters and data order reset, else nothing at all."""
    save_dir = Path(save_dir)
    snapshot = save_dir / RESUME_SNAPSHOT
    snapshot.unlink(missing_ok=True)
    if resumable:
        try:
            os.link(save_dir / "checkpoint_last.pt", snapshot)
        except OSError:  # a file system without hard links
            shutil.copyfile(save_dir / "checkpoint_last.pt", snapshot)
        return ["--restore-file", str(snapshot)]
    if init_from is not None:
        return ["--restore-file", str(init_from), *FINETUNE_RESETS]
    (save_dir / NO_CHECKPOINT).unlink(missing_ok=True)
    return ["--restore-file", str(save_dir / NO_CHECKPOINT)]
