"""Snakemake's record of each output (<workdir>/.snakemake/metadata/: the rule, its inputs,
params and code when it was made), kept true when results move (ielearn/migrate_layout.py).

Snakemake reruns a job whose recorded inputs or params differ from today's. After a move the
moved outputs' records are found under their new paths, and the records that list a moved
file as an input list its new path; params recorded as a dict in config.yaml's key order are
rewritten in the canonical order the rules now pass them in (ielearn/workflow/params.py). The
record's file name is its output path in URL-safe base64, split into folders at the file
system's name limit as Snakemake's persistence/file.py does.
Plain Python: no Snakemake import.
"""

import ast
import base64
import json
import os
from pathlib import Path

from ielearn.workflow.params import canonical

CHUNK_PREFIX = "@"  # a folder holding the rest of a name longer than the file system allows


def metadata_dir(workdir):
    return Path(workdir) / ".snakemake" / "metadata"


def record_path(workdir, key):
    """Where Snakemake keeps the record of output `key` (a path relative to the workdir)."""
    folder = metadata_dir(workdir)
    limit = (os.pathconf(folder, "PC_NAME_MAX") or 255) if os.name == "posix" else 255
    name = base64.urlsafe_b64encode(key.encode()).decode()
    chunks = [name[i:i + limit - 1] for i in range(0, len(name), limit - 1)]
    return folder.joinpath(*[CHUNK_PREFIX + chunk for chunk in chunks[:-1]], chunks[-1])


def records(workdir):
    """{output path: record file} of every record below the workdir's metadata folder."""
    folder = metadata_dir(workdir)
    found = {}
    for path in folder.rglob("*") if folder.is_dir() else ():
        if path.is_file():
            name = "".join(part.removeprefix(CHUNK_PREFIX) for part in path.relative_to(folder).parts)
            found[base64.urlsafe_b64decode(name).decode()] = path
    return found


def moved(path, stages):
    """`path` after every stage of moves: [[(old, new)], ...], paths relative to the workdir;
    within a stage a path moves by the first move of itself or of a folder above it."""
    for moves in stages:
        for old, new in moves:
            if path == old or path.startswith(old + "/"):
                path = new + path[len(old):]
                break
    return path


def canonical_param(text):
    """A recorded param (its repr) as the rules now pass it: dicts in sorted key order."""
    try:
        return repr(canonical(ast.literal_eval(text)))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def rewrite_records(workdir, below, stages, dry_run=False):
    """Rename and rewrite the records of the outputs in folder `below` (relative to `workdir`,
    e.g. results/<exp>) for the moves of `stages` (paths relative to the workdir) and the
    canonical params; returns the number of records changed."""
    changed = 0
    for key, path in records(workdir).items():
        if not key.startswith(f"{below}/"):
            continue
        record = json.loads(path.read_text())
        new_key = moved(key, stages)
        updated = {**record,
                   "input": sorted(moved(p, stages) for p in record.get("input") or []),  # as Snakemake keeps it
                   "params": [canonical_param(p) for p in record.get("params") or []]}
        if "input_checksums" in record and record["input_checksums"]:
            updated["input_checksums"] = {moved(p, stages): v for p, v in record["input_checksums"].items()}
        if new_key == key and updated == record:
            continue
        changed += 1
        if dry_run:
            continue
        target = record_path(workdir, new_key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(updated))
        if target != path:
            path.unlink()
    return changed
