"""Progress bars for long stages, written to the stage's log (stderr)."""

from tqdm import tqdm


def progress(iterable, description, total=None):
    """Wrap an iterable in a tqdm bar that updates at most every few seconds in log files."""
    return tqdm(iterable, desc=description, total=total, mininterval=5, unit=" lines")
