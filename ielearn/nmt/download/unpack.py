"""Unpack a zip or tar archive into a directory, refusing anything that could escape it.

`shutil.unpack_archive(..., filter="data")` is not an option: zip archives reject `filter`,
and Python 3.11.0-3.11.3 have no tar filters at all. So both formats are unpacked member by
member here, with the same rules on every Python: regular files and directories only (no
links, devices or FIFOs), and only relative paths that stay inside the target.
"""

import gzip
import lzma
import shutil
import stat
import tarfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath


class UnsafeArchive(Exception):
    """The archive holds a member that would land outside the target or is not a plain file."""


class CorruptArchive(Exception):
    """The file is not a zip or tar archive, or it is damaged."""


# What the decompressors raise on damaged data (a full disk stays an OSError of its own).
DAMAGE = (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile,
          lzma.LZMAError)


def member_path(directory, name, archive):
    """Where member `name` of `archive` (a Path) goes under `directory`; UnsafeArchive if it
    would leave it."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ".." in parts or ":" in parts[0]:
        raise UnsafeArchive(f"{archive.name}: member {name!r} points outside the target directory")
    root = Path(directory).resolve()
    path = root.joinpath(*parts).resolve()
    if path != root and root not in path.parents:
        raise UnsafeArchive(f"{archive.name}: member {name!r} points outside the target directory")
    return path


def _copy(source, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)


def _unpack_zip(archive, directory):
    with zipfile.ZipFile(archive) as bundle:
        members = bundle.infolist()
        for info in members:  # check every member before writing any
            path = member_path(directory, info.filename, archive)
            # Unix file type bits, when the zip has them (many zips carry permissions only)
            kind = stat.S_IFMT(info.external_attr >> 16)
            if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
                raise UnsafeArchive(f"{archive.name}: member {info.filename!r} is not a regular file")
        for info in members:
            path = member_path(directory, info.filename, archive)
            if info.is_dir():
                path.mkdir(parents=True, exist_ok=True)
            else:
                with bundle.open(info) as source:
                    _copy(source, path)


def _unpack_tar(archive, directory):
    with tarfile.open(archive) as bundle:
        members = bundle.getmembers()
        for info in members:
            member_path(directory, info.name, archive)
            if not (info.isfile() or info.isdir()):
                raise UnsafeArchive(
                    f"{archive.name}: member {info.name!r} is a link or special file, not a regular file"
                )
        for info in members:
            path = member_path(directory, info.name, archive)
            if info.isdir():
                path.mkdir(parents=True, exist_ok=True)
            else:
                _copy(bundle.extractfile(info), path)


def unpack(archive, directory):
    """Unpack `archive` (zip or tar, any compression tarfile reads) into `directory`.

    The format is read from the file's content, not its name. Raises UnsafeArchive or
    CorruptArchive; the caller removes what was unpacked before the failure.
    """
    archive = Path(archive)
    try:
        if zipfile.is_zipfile(archive):
            return _unpack_zip(archive, directory)
        if tarfile.is_tarfile(archive):
            return _unpack_tar(archive, directory)
    except DAMAGE as error:
        raise CorruptArchive(f"{archive.name}: damaged archive ({error})") from None
    raise CorruptArchive(f"{archive.name}: neither a zip nor a tar archive")
