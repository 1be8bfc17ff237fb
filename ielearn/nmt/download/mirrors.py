"""An archive known by name, the mirrors that serve it, and the download that falls back from
one mirror to the next on any failure: HTTP error, timeout, truncated file, bad checksum,
damaged or unsafe archive."""

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ielearn.nmt.download.fetch import DownloadFailed, fetch, parse_checksum
from ielearn.nmt.download.unpack import CorruptArchive, UnsafeArchive, unpack

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mirror:
    url: str
    checksum: str | None = None  # 'md5:<hex>' or 'sha256:<hex>'; None: not verified

    def __post_init__(self):
        parse_checksum(self.checksum)  # a malformed checksum is a programming error


@dataclass(frozen=True)
class Archive:
    name: str
    mirrors: tuple[Mirror, ...]


@dataclass(frozen=True)
class Transfer:
    """How hard to try: seconds without data before a try fails, tries per mirror for
    transient failures, and the first pause between two tries."""

    timeout: float = 60
    attempts: int = 3
    wait: float = 2.0


def _merge(source, target):
    """Move the tree `source` into `target`, merging directories that already exist."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        destination = target / entry.name
        if entry.is_dir() and destination.is_dir():
            _merge(entry, destination)
        else:
            os.replace(entry, destination)


def download_archive(archive, directory, transfer=Transfer()):
    """Unpack `archive` from the first mirror that delivers it whole into `directory`.

    A failed mirror leaves nothing in `directory`: each try downloads and unpacks in a
    private temporary directory that is merged in only when both succeeded. Returns the
    mirror used; raises DownloadFailed listing why each mirror failed.
    """
    failures = []
    for mirror in archive.mirrors:
        with tempfile.TemporaryDirectory(dir=directory, prefix=".download-") as tmp:
            file_name = Path(urlsplit(mirror.url).path).name or "archive"
            downloaded, unpacked = Path(tmp) / file_name, Path(tmp) / "unpacked"
            try:
                fetch(mirror.url, downloaded, mirror.checksum, transfer.timeout,
                      transfer.attempts, transfer.wait)
                unpack(downloaded, unpacked)
            except DownloadFailed as error:  # its message starts with the URL
                failures.append(str(error))
            except (UnsafeArchive, CorruptArchive) as error:  # its message names the file only
                failures.append(f"{mirror.url}: {error}")
            else:
                _merge(unpacked, Path(directory))
                log.info("%s: unpacked from %s", archive.name, mirror.url)
                return mirror
            log.warning("%s; trying the next mirror", failures[-1])
    raise DownloadFailed(f"{archive.name}: no mirror delivered it ({'; '.join(failures)})")
