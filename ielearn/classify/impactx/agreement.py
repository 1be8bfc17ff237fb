"""How well a student's maps agree with its teacher's on the test split: per example, the
Spearman rank correlation of the two per-word score vectors (the same words: both score files
come from extractions on the same test examples), averaged over the examples where it is
defined (at least two words, neither map constant). IMPACTX's D against the SHAP (or LIME,
attention) map it learnt from: 1 is the teacher's ranking, 0 no relation.
Table: classification_teacher_agreement.tsv, one row per seed and student, and the mean over
seeds."""

import json
import math
import statistics

from scipy.stats import spearmanr

from ielearn.errors import UserError
from ielearn.io import atomic_write, read_lines

COLUMNS = ["seed", "system", "teacher", "examples", "ranked", "spearman"]


def _rows(path):
    try:
        return [json.loads(line) for line in read_lines(path)]
    except ValueError as error:
        raise UserError(f"{path}: not a score file ({error}); rerun the extraction that wrote it") from None


def rank_agreements(student_path, teacher_path):
    """Spearman's ρ per example (nan where undefined); a clear error where the two files do
    not score the same words of the same examples."""
    student, teacher = _rows(student_path), _rows(teacher_path)
    if len(student) != len(teacher):
        raise UserError(f"{student_path}: {len(student)} rows, but {teacher_path} has {len(teacher)}; both must "
                        "score the test examples: rerun the extraction of the shorter one")
    rhos = []
    for number, (mine, theirs) in enumerate(zip(student, teacher), start=1):
        if mine["words"] != theirs["words"]:
            raise UserError(f"{student_path}, line {number}: its words {mine['words']} are not {teacher_path}'s "
                            f"{theirs['words']}; both must come from the same test examples and max_length")
        defined = len(mine["scores"]) > 1 and len(set(mine["scores"])) > 1 and len(set(theirs["scores"])) > 1
        rhos.append(float(spearmanr(mine["scores"], theirs["scores"]).statistic) if defined else math.nan)
    return rhos


def agreement_row(seed, system, teacher, rhos):
    ranked = [rho for rho in rhos if not math.isnan(rho)]
    return {"seed": seed, "system": system, "teacher": teacher, "examples": len(rhos), "ranked": len(ranked),
            "spearman": statistics.fmean(ranked) if ranked else math.nan}


def mean_rows(rows):
    """Per (system, teacher): the mean over seeds of each seed's mean ρ (seed 'mean')."""
    groups = {}
    for row in rows:
        groups.setdefault((row["system"], row["teacher"]), []).append(row)
    return [{"seed": "mean", "system": system, "teacher": teacher,
             "examples": sum(r["examples"] for r in group), "ranked": sum(r["ranked"] for r in group),
             "spearman": statistics.fmean(r["spearman"] for r in group)}
            for (system, teacher), group in groups.items()]


def write_agreement_table(path, runs, students, teachers):
    """runs: [(seed, system, teacher)]; students, teachers: their test score files, in order."""
    rows = [agreement_row(seed, system, teacher, rank_agreements(mine, theirs))
            for (seed, system, teacher), mine, theirs in zip(runs, students, teachers, strict=True)]
    with atomic_write(path) as out:
        out.write("\t".join(COLUMNS) + "\n")
        for row in [*rows, *mean_rows(rows)]:
            cells = [f"{row[c]:.4f}" if isinstance(row[c], float) else str(row[c]) for c in COLUMNS]
            out.write("\t".join(cells) + "\n")
