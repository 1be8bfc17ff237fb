"""How well a student's maps agree with its teacher's on the test split: per example, the
Spearman rank correlation of the two per-word score vectors (the same words: both score files
come from extractions on the same test examples), averaged over the examples where it is
defined (at least two words, neither map constant). IMPACTX's D against the SHAP (or LIME,
attention) map it learnt from: 1 is the teacher's ranking, 0 no relation.
Table: classification_teacher_agreement.tsv, one row per seed and student, and the mean over
seeds; the seed route (ielearn.summarise_seeds, merge_seeds, recompute) keeps the per-seed rows
unrounded in classification_teacher_agreement_per_seed.tsv, so that the means over merged seeds
are the pipeline's."""

import json
import math
import statistics

from scipy.stats import spearmanr

from ielearn.errors import UserError
from ielearn.io import atomic_write, read_lines, read_tsv

COLUMNS = ["seed", "system", "teacher", "examples", "ranked", "spearman"]
TABLE = "classification_teacher_agreement.tsv"
PER_SEED = "classification_teacher_agreement_per_seed.tsv"  # the seed route's unrounded rows


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


def agreement_rows(runs, students, teachers):
    """runs: [(seed, system, teacher)]; students, teachers: their test score files, in order."""
    return [agreement_row(seed, system, teacher, rank_agreements(mine, theirs))
            for (seed, system, teacher), mine, theirs in zip(runs, students, teachers, strict=True)]


def write_agreement_table(path, runs, students, teachers):
    """The table of `runs` (see agreement_rows); returns its per-seed rows."""
    return write_agreement_rows(path, agreement_rows(runs, students, teachers))


def write_agreement_rows(path, rows):
    """The table: the per-seed rows as they come, then the mean over seeds of each student."""
    with atomic_write(path) as out:
        out.write("\t".join(COLUMNS) + "\n")
        for row in [*rows, *mean_rows(rows)]:
            cells = [f"{row[c]:.4f}" if isinstance(row[c], float) else str(row[c]) for c in COLUMNS]
            out.write("\t".join(cells) + "\n")
    return rows


def write_agreement_per_seed(path, rows):
    """The per-seed rows unrounded (repr: a float reads back as the same float)."""
    with atomic_write(path) as out:
        out.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(repr(row[c]) if isinstance(row[c], float) else str(row[c]) for c in COLUMNS) + "\n")


def read_agreement_per_seed(path, seeds):
    """The rows of write_agreement_per_seed, ordered as the pipeline orders them: by the
    position of their seed in `seeds` (merged files hold the seeds in the order they came)."""
    try:
        rows = [{**row, "seed": int(row["seed"]), "examples": int(row["examples"]), "ranked": int(row["ranked"]),
                 "spearman": float(row["spearman"])} for row in read_tsv(path)]
    except (KeyError, ValueError) as error:
        raise UserError(f"{path}: not a per-seed agreement table ({error}); write it again with "
                        "python -m ielearn.summarise_seeds") from None
    order = {seed: index for index, seed in enumerate(seeds)}
    return sorted(rows, key=lambda row: order.get(row["seed"], len(order)))
