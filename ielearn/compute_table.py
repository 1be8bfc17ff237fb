"""What each arm's training spent, for both halves' summaries: a row per seed and arm read
from each model's record, and the mean over seeds per arm.

Translation reads the compute.json beside each model (ielearn/nmt/compute.py),
classification the training.json inside each model directory
(ielearn/classify/training_record.py). A model picked from a learning-rate sweep carries the
sweep's totals (ielearn/sweep.py), so an arm's compute counts every candidate it trained.
Plain Python: no torch.
"""

import math
import statistics

from ielearn.errors import UserError
from ielearn.io import atomic_write, read_tsv
from ielearn.sweep import CANDIDATES

KEYS = ["seed", "system", "iteration"]
DEFAULTS = {CANDIDATES: 1}  # a record without a sweep is one training


def compute_rows(entries, fields):
    """entries: [(seed, system, iteration, record)] → one row each: the keys and `fields`
    (None where a record lacks one)."""
    return [{"seed": seed, "system": system, "iteration": int(k),
             **{field: record.get(field, DEFAULTS.get(field)) for field in fields}}
            for seed, system, k, record in entries]


def compute_means(rows, fields):
    """{(system, iteration): {'<field>_mean': mean over seeds}}; nan where no seed has it."""
    groups = {}
    for row in rows:
        groups.setdefault((row["system"], row["iteration"]), []).append(row)
    means = {}
    for arm, group in groups.items():
        means[arm] = {}
        for field in fields:
            values = [row[field] for row in group if row[field] is not None]
            means[arm][f"{field}_mean"] = statistics.fmean(values) if values else math.nan
    return means


def mean_columns(fields):
    return [f"{field}_mean" for field in fields]


def _cell(value):
    """Integers as they are, other numbers to 6 significant digits (a rate such as 0.000797
    keeps its digits), a missing value empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def write_compute_table(path, rows, fields):
    """The per-seed compute table: seed, system, iteration, then `fields`."""
    columns = KEYS + list(fields)
    with atomic_write(path) as out:
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(_cell(row[column]) for column in columns) + "\n")


def _number(text):
    """A cell back as the number it was written from (an integer stays one), empty as None."""
    if text == "":
        return None
    return int(text) if text.lstrip("-").isdigit() else float(text)


def read_compute_table(path):
    """The rows of a per-seed compute table as write_compute_table wrote them, numbers as numbers."""
    rows = []
    for line, row in enumerate(read_tsv(path), start=2):
        try:
            rows.append({key: (value if key == "system" else _number(value)) for key, value in row.items()})
        except (TypeError, ValueError):
            raise UserError(f"{path}, line {line}: a cell is not a number (or a field is missing); restore the "
                            "file the summary wrote, or delete it (the table then has no compute columns)") from None
    return rows
