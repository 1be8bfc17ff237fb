"""Fetch one URL into a file: streamed, checked against its checksum and its announced
length, and retried when the failure is one that may not happen again (a timeout, a dropped
connection, a 5xx answer). Every failure ends in one DownloadFailed line naming the URL."""

import hashlib
import http.client
import logging
import socket
import time
import urllib.error
import urllib.request

log = logging.getLogger(__name__)

CHUNK = 1 << 20
ALGORITHMS = ("md5", "sha256")


class DownloadFailed(Exception):
    """A URL did not deliver the expected file. `transient` failures are worth a retry."""

    def __init__(self, message, transient=False):
        super().__init__(message)
        self.transient = transient


def parse_checksum(checksum):
    """('md5', '<hex>') from 'md5:<hex>'; (None, None) when no checksum is known."""
    if checksum is None:
        return None, None
    algorithm, _, digest = checksum.partition(":")
    if algorithm not in ALGORITHMS or not digest:
        raise ValueError(f"checksum {checksum!r} is not '<md5|sha256>:<hex digest>'")
    return algorithm, digest.lower()


class _Progress:
    """Log how much of a long download has arrived, at most every `every` seconds."""

    def __init__(self, url, total, every=30.0):
        self.url, self.total, self.every = url, total, every
        self.last = time.monotonic()

    def update(self, received):
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            of = f" of {self.total / 1e6:.1f}" if self.total else ""
            log.info("%s: %.1f%s MB", self.url, received / 1e6, of)


def _announced_length(response):
    length = response.headers.get("Content-Length")
    return int(length) if length and length.isdigit() else None


def _fetch_once(url, target, checksum, timeout):
    algorithm, expected = parse_checksum(checksum)
    digest = hashlib.new(algorithm or "md5")
    request = urllib.request.Request(url, headers={"User-Agent": "ielearn"})
    received, total = 0, None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, open(target, "wb") as out:
            total = _announced_length(response)
            progress = _Progress(url, total)
            while chunk := response.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                progress.update(received)
    except urllib.error.HTTPError as error:
        transient = error.code >= 500 or error.code in (408, 429)
        raise DownloadFailed(f"{url}: HTTP {error.code} {error.reason}", transient) from None
    except urllib.error.URLError as error:
        # no name resolution means offline or a wrong host: retrying will not help
        transient = not isinstance(error.reason, (socket.gaierror, FileNotFoundError))
        raise DownloadFailed(f"{url}: {error.reason}", transient) from None
    except (http.client.HTTPException, ConnectionError, TimeoutError) as error:
        what = type(error).__name__ if not str(error) else f"{type(error).__name__}: {error}"
        raise DownloadFailed(f"{url}: connection failed after {received} bytes ({what})", True) from None
    # http.client does not complain when the server closes early on a sized read
    if total is not None and received != total:
        raise DownloadFailed(f"{url}: connection closed after {received} of {total} bytes", True)
    if algorithm is None:
        log.warning("%s: no checksum is known for this file; it was not verified", url)
    elif digest.hexdigest() != expected:
        raise DownloadFailed(
            f"{url}: {algorithm} checksum is {digest.hexdigest()}, expected {expected} "
            "(a changed or damaged file)"
        )


def fetch(url, target, checksum=None, timeout=60, attempts=3, wait=2.0):
    """Download `url` into the file `target`, trying up to `attempts` times on transient
    failures (waiting `wait`, then 2 × `wait`, ... seconds between tries)."""
    for attempt in range(1, attempts + 1):
        log.info("downloading %s%s", url, f" (attempt {attempt} of {attempts})" if attempt > 1 else "")
        try:
            return _fetch_once(url, target, checksum, timeout)
        except DownloadFailed as error:
            if not error.transient or attempt == attempts:
                suffix = f" (tried {attempts} times)" if error.transient and attempts > 1 else ""
                raise DownloadFailed(f"{error}{suffix}", error.transient) from None
            log.warning("%s; trying again", error)
            time.sleep(wait * attempt)
