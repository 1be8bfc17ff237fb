"""Atomic file writing and line-oriented text helpers shared by every stage."""

import contextlib
import csv
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

from ielearn.errors import UserError


_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def _disk_full_names(path):
    """A full disk or quota as one message naming the file, not a bare `[Errno 28]`."""
    try:
        yield
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise UserError(f"no space left on the device of {path} while writing it: free some "
                        "space there (or move results/ to a larger disk) and rerun") from None


@contextlib.contextmanager
def atomic_write(path, mode="w"):
    """Write to a temporary file next to `path` and move it into place only on success.

    A killed or failing job therefore never leaves a complete-looking output behind.
    """
    path = Path(path)
    with _disk_full_names(path):
        with _atomic_file(path, mode) as handle:
            yield handle


@contextlib.contextmanager
def _atomic_file(path, mode):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes owner-only files; outputs are ordinary files
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_directory(path):
    """Yield a temporary directory that replaces `path` only when the block succeeds."""
    path = Path(path)
    with _disk_full_names(path):
        with _atomic_tree(path) as tmp:
            yield tmp


@contextlib.contextmanager
def _atomic_tree(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        yield tmp
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def split_lines(text):
    """Lines as `wc -l` counts them: only LF ends a line. (str.splitlines also breaks at CR,
    VT, FF, U+001C-U+001E, U+0085, U+2028 and U+2029, which shifts a parallel corpus.) A last
    line without its LF still counts."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def read_lines(path):
    """Lines of a UTF-8 text file without their trailing newline (see split_lines)."""
    with open(path, encoding="utf-8", newline="") as handle:  # newline="": no \r translation
        return split_lines(handle.read())


def read_tsv(path):
    """The rows of a tab-separated file with a header line, as dicts of strings (no quoting:
    every character, quotes included, is data)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_lines(path, lines):
    """Write lines (each followed by a newline) atomically."""
    with atomic_write(path) as handle:
        for line in lines:
            handle.write(line + "\n")


def copy_file(source, target):
    """Copy a file's bytes to `target`, atomically."""
    with open(source, "rb") as handle, atomic_write(target, mode="wb") as out:
        shutil.copyfileobj(handle, out)


def write_json(path, record):
    """Write `record` as indented JSON with a final newline, atomically."""
    with atomic_write(path) as out:
        json.dump(record, out, indent=1)
        out.write("\n")


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
