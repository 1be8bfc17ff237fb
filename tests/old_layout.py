"""A results folder as a run before issue 28 wrote it: each system's words, rankings, scores
and quality of model k one iteration up, in iter_<k+1>/, and Snakemake's records of its
outputs saying so (the inverse of ielearn/migrate_layout.py's move, written independently for
the tests)."""

import base64
import json
import re
from pathlib import Path

EXPLAINED = ("words", "rankings", "scores", "quality")
NEW_PATH = re.compile(rf"(.*/)iter_(\d+)/((?:{'|'.join(EXPLAINED)})(?:/.*)?)")


def old_path(path):
    """A path of today's layout as the run before issue 28 named it."""
    match = NEW_PATH.fullmatch(path)
    return f"{match.group(1)}iter_{int(match.group(2)) + 1}/{match.group(3)}" if match else path


def to_old_layout(root):
    """Move every iter_<k>/{words,rankings,scores,quality} below `root` to iter_<k+1>/, the
    highest k first; returns the moved folders' new paths relative to `root`."""
    folders = [p for p in Path(root).rglob("*") if p.is_dir() and p.name in EXPLAINED
               and re.fullmatch(r"iter_\d+", p.parent.name)]
    moved = []
    for folder in sorted(folders, key=lambda p: -int(p.parent.name.removeprefix("iter_"))):
        k = int(folder.parent.name.removeprefix("iter_"))
        target = folder.parent.parent / f"iter_{k + 1}" / folder.name
        target.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(target)
        if not any(folder.parent.iterdir()):  # an iteration that held only words: none before
            folder.parent.rmdir()
        moved.append(str(target.relative_to(root)))
    return moved


def records_to_old_layout(workdir):
    """Snakemake's records (short names only: one file per output) under the old paths."""
    for path in list((Path(workdir) / ".snakemake" / "metadata").iterdir()):
        key = base64.urlsafe_b64decode(path.name).decode()
        record = json.loads(path.read_text())
        record["input"] = sorted(map(old_path, record["input"]))
        record["input_checksums"] = {old_path(p): v for p, v in (record.get("input_checksums") or {}).items()}
        path.unlink()
        target = path.parent / base64.urlsafe_b64encode(old_path(key).encode()).decode()
        target.write_text(json.dumps(record))
