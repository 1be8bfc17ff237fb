"""Every arm's per-item test statistics in one small file, so that the seeds + items
statistics can be recomputed from what docs/results/ keeps (python -m ielearn.recompute).

One gzipped TSV row per seed, arm and test item: seed, system, iteration, item, then the
scorer's statistics (translation: sacrebleu's sentence statistics; classification: 0/1 right,
or the (gold, predicted) records of MCC or Spearman). Written with a zero timestamp, so the
same records give the same bytes.
"""

import gzip
import io

import numpy as np

from ielearn.design import Arm
from ielearn.errors import UserError
from ielearn.io import atomic_write

KEYS = ["seed", "system", "iteration", "item"]


def write_item_records(path, scores):
    """scores: ArmScores with their `items` (rows × d); those without items are skipped."""
    with atomic_write(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        text = io.TextIOWrapper(packed, encoding="utf-8", newline="\n")
        width = max((s.items.shape[1] for s in scores if s.items is not None), default=0)
        text.write("\t".join(KEYS + [f"stat_{i}" for i in range(width)]) + "\n")
        for score in scores:
            if score.items is None:
                continue
            for index, row in enumerate(np.asarray(score.items, dtype=float)):
                cells = [str(score.seed), score.arm.system, str(score.arm.iteration), str(index)]
                text.write("\t".join(cells + [f"{value:.10g}" for value in row]) + "\n")
        text.flush()
        text.detach()


def read_item_records(path):
    """{(seed, Arm): (items × d) array} of a file write_item_records made."""
    records = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        if header[:len(KEYS)] != KEYS:
            raise UserError(f"{path}: not an item-records file (its header is {header[:4]})")
        for number, line in enumerate(handle, start=2):
            cells = line.rstrip("\n").split("\t")
            try:
                key = (int(cells[0]), Arm(cells[1], int(cells[2])))
                records.setdefault(key, []).append([float(value) for value in cells[len(KEYS):]])
            except (ValueError, IndexError):
                raise UserError(f"{path}, line {number}: not seed, system, iteration, item and numbers: "
                                f"{line.strip()[:80]!r}") from None
    return {key: np.asarray(rows) for key, rows in records.items()}
