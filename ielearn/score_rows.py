"""Per-seed scores checked against the design before any statistic is computed from them.

A table with a row missing is still a table: the seed-level tests would run on the seeds left
and a verdict be written from half of them. So recompute and both summaries first check that
every system × iteration × seed the design asks for (Design.arms() × Design.seeds) is there
exactly once, with a finite number as its valid and test score, and otherwise stop with one
message naming the file, the line and the missing, extra and duplicate entries.
"""

import csv
import json
import math
from typing import NamedTuple

from ielearn.design import Arm
from ielearn.errors import UserError
from ielearn.io import atomic_write

SCORE_COLUMNS = {"valid": ("valid", "valid_bleu"), "test": ("test", "test_bleu")}  # either spelling
# the per-seed score table each half's summary writes (classification: the metric × 100)
SCORE_FILES = ("scores_per_seed.tsv", "classification_scores_per_seed.tsv")


class ScoreRow(NamedTuple):
    seed: int
    system: str
    iteration: int
    valid: object
    test: object
    valid_at: str  # where the valid score was read: "file, line N", or the score file
    test_at: str

    @property
    def entry(self):
        return f"seed {self.seed} {Arm(self.system, self.iteration).label}"


def _number(value, at, what):
    """`value` as a finite float; UserError naming where it was read otherwise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise UserError(f"{at}: the {what} {value!r} is not a number; fix it, or rerun the step that wrote it")
    return number


def read_score_table(path):
    """ScoreRows of a scores_per_seed.tsv (seed, system, iteration, valid, test; or valid_bleu,
    test_bleu as the translation summary writes them), each with its line number."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = reader.fieldnames or []
        columns = {split: next((c for c in names if c in header), None) for split, names in SCORE_COLUMNS.items()}
        absent = [name for name in ("seed", "system", "iteration") if name not in header]
        absent += [" or ".join(SCORE_COLUMNS[split]) for split, column in columns.items() if column is None]
        if absent:
            raise UserError(f"{path}, line 1: the header lacks the column(s) {', '.join(absent)}")
        rows = []
        for row in reader:
            at = f"{path}, line {reader.line_num}"
            if None in row or None in row.values():
                raise UserError(f"{at}: {len(header)} tab-separated fields expected, as in the header")
            rows.append(ScoreRow(int(_number(row["seed"], at, "seed")), row["system"],
                                 int(_number(row["iteration"], at, "iteration")),
                                 row[columns["valid"]], row[columns["test"]], at, at))
        return rows


def check_scores(design, rows, source):
    """`rows` (ScoreRows) with their scores as floats, when every arm × seed of `design` is
    there exactly once with numbers; else one UserError naming `source` (the table or the
    summary's inputs) and each missing, extra and duplicate entry where it was read."""
    rows = [row._replace(valid=_number(row.valid, row.valid_at, "valid score"),
                         test=_number(row.test, row.test_at, "test score")) for row in rows]
    wanted = {(seed, arm) for arm in design.arms() for seed in design.seeds}
    seen, problems = {}, []
    for row in rows:
        key = (row.seed, Arm(row.system, row.iteration))
        if key not in wanted:
            problems.append(f"extra {row.entry} ({row.test_at}): not in the design")
        elif key in seen:
            problems.append(f"duplicate {row.entry} ({seen[key].test_at} and {row.test_at})")
        seen.setdefault(key, row)
    missing = [f"seed {seed} {arm.label}" for arm in design.arms() for seed in design.seeds
               if (seed, arm) not in seen]
    if missing:
        problems.insert(0, "missing " + ", ".join(missing))
    if problems:
        raise UserError(
            f"{source} must hold each of the design's {len(design.arms())} system/iteration arms × "
            f"seeds {list(design.seeds)} exactly once, but: {'; '.join(problems)}. Restore or remove "
            "those entries (or rerun the runs they come from); no statistic is computed from an "
            "incomplete table"
        )
    return rows


def score_files(runs, key="score"):
    """ScoreRows of a summary's runs (dicts of seed, system, iteration and the paths of the
    valid and test score JSON files), the scores read from `key`."""

    def read(path):
        with open(path, encoding="utf-8") as handle:
            return json.load(handle).get(key)

    return [ScoreRow(int(run["seed"]), run["system"], int(run["iteration"]), read(run["valid"]),
                     read(run["test"]), str(run["valid"]), str(run["test"])) for run in runs]


def score_table(directory):
    """The per-seed score table in `directory` (either half's name); a clear error without one."""
    found = [directory / name for name in SCORE_FILES if (directory / name).exists()]
    if not found:
        raise UserError(f"{directory}: no {' or '.join(SCORE_FILES)}; copy the run's per-seed score table there "
                        "(the summary writes it beside its other tables)")
    return found[0]


def write_score_table(path, scores):
    """scores: ArmScores → seed, system, iteration, valid, test (what recompute reads), each
    number as Python prints it back exactly, so that recompute computes from the same floats."""
    with atomic_write(path) as out:
        out.write("seed\tsystem\titeration\tvalid\ttest\n")
        for score in scores:
            out.write(f"{score.seed}\t{score.arm.system}\t{score.arm.iteration}\t{float(score.valid)!r}\t{float(score.test)!r}\n")


def score_table_from_per_seed(directory):
    """A classification run made before its summary wrote classification_scores_per_seed.tsv:
    derive that table from classification_per_seed.tsv (seed, system, iteration, the valid
    metric's column and the test column of the same metric, × 100 to 2 decimals, as that
    table holds them) and return its path; None where the folder has neither."""
    per_seed = directory / "classification_per_seed.tsv"
    if not per_seed.exists():
        return None
    with open(per_seed, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    valid = next((c for c in (rows[0] if rows else {}) if c.startswith("valid_")), None)
    test = valid and f"test_{valid.removeprefix('valid_')}"
    if valid is None or test not in rows[0]:
        raise UserError(f"{per_seed}: no valid_<metric> and test_<metric> columns to read the scores from")
    path = directory / SCORE_FILES[1]
    with atomic_write(path) as out:
        out.write("seed\tsystem\titeration\tvalid\ttest\n")
        for at, row in enumerate(rows, start=2):
            cells = [_number(row[column], f"{per_seed}, line {at}", column) for column in (valid, test)]
            out.write(f"{row['seed']}\t{row['system']}\t{row['iteration']}\t{cells[0]!r}\t{cells[1]!r}\n")
    return path
