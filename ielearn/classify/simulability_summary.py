"""The simulability tables and verdict of a classification experiment (docs/simulability.md).

Each student's record (ielearn/classify/simulability/jobs.py) holds, per test example, whether
it predicts the baseline's label. The students of one seed, setting and budget are averaged
first, example by example, so the seed stays the unit of the inference: a seed's SIM × 100 is
the mean over test examples of that average, and the examples stay crossed with the seeds as
in every other table. classification_simulability.tsv: mean over seeds and its 95 % CI (on the
logit scale of [0, 100]); _per_seed.tsv: every seed's; _comparisons[_per_seed].tsv: each setting
against the no-explainer student and against random scores at the same budget (the design's
simulability_comparisons), with the project's seed-level inference (ielearn.inference: Δ, CI
over seeds and test examples, p, Holm over the family, the four-word answer);
classification_simulability_verdict.txt says each comparison in those words, and closes with
how many students did not learn the teacher on their own budget, and where;
classification_simulability_fit.tsv (written from the students' own records; the seed route
merges and rereads it) says per seed, setting and budget how many students learned the teacher
(student.learned) and how well they fitted their budget, so that a SIM pulled down by students
that diverged is seen as such. The seed route
(ielearn.summarise_seeds, merge_seeds, recompute) keeps every student's per-example agreement in
classification_simulability_students_per_seed.tsv.gz (item records: an arm is Arm(setting,
budget), a statistic per student), from which the same tables are written again.
"""

import json
import math

import numpy as np

from ielearn.design import Arm
from ielearn.inference.compare import ArmScore
from ielearn.inference.item_records import read_item_records, write_item_records
from ielearn.inference.measures import compare_measures, item_score, write_measure_comparisons, write_measure_tables
from ielearn.inference.settings import significance_settings
from ielearn.inference.verdict import describe
from ielearn.io import atomic_write
from ielearn.summary_tables import SIMULABILITY, table_files

SIM = "sim"
FAMILY = "simulability"
KEYS = ("setting", "budget")
STUDENTS = "classification_simulability_students_per_seed.tsv.gz"  # the seed route's per-seed file
FIT = "fit"  # the fit table's output name
FIT_TABLE = f"{SIMULABILITY}_fit.tsv"  # written per seed; merge_seeds appends it
FIT_COLUMNS = ("seed", "setting", "budget", "students", "learned", "train_agreement", "majority_share")


def pipeline_outputs_in(folder):
    """outputs_in and the fit table, which only the pipeline's summary writes."""
    return {**outputs_in(folder), FIT: folder / FIT_TABLE}


def outputs_in(folder):
    """The summary's outputs in `folder`, named as rules/classify_simulability.smk names them."""
    return {**table_files(folder, SIMULABILITY), "verdict": folder / f"{SIMULABILITY}_verdict.txt"}


def student_records(runs):
    """runs: dicts (seed, setting, budget, path of one student's record) → {(seed, setting,
    budget): [each student's record]}, in the order of `runs`: every file read once, for the
    tables and the fit table alike."""
    groups = {}
    for run in runs:
        record = json.loads(open(run["path"], encoding="utf-8").read())
        groups.setdefault((run["seed"], run["setting"], int(run["budget"])), []).append(record)
    return groups


def student_agreements(records):
    """student_records → {(seed, setting, budget): [each student's per-example agreement]}."""
    return {key: [record["agrees"] for record in group] for key, group in records.items()}


def write_student_records(path, groups):
    """groups (student_agreements) as item records: per seed and Arm(setting, budget), an
    example per row and a student per column."""
    write_item_records(path, [ArmScore(seed, Arm(setting, budget), math.nan, math.nan,
                                       np.asarray(agrees, dtype=float).T)
                              for (seed, setting, budget), agrees in groups.items()])


def read_student_records(path, seeds):
    """The groups of write_student_records, ordered as the pipeline orders them: by the
    position of their seed in `seeds` (merged files hold the seeds in the order they came)."""
    records = read_item_records(path)
    order = {seed: index for index, seed in enumerate(seeds)}
    keys = sorted(records, key=lambda key: order.get(key[0], len(order)))
    return {(seed, arm.system, arm.iteration): [list(column) for column in records[(seed, arm)].T]
            for seed, arm in keys}


def seed_runs(groups):
    """groups (student_agreements) → one dict per seed, setting and budget with `students`
    and `items` {sim: per-example agreement × 100, averaged over its students}."""
    found = []
    for (seed, setting, budget), agrees in groups.items():
        if len({len(a) for a in agrees}) != 1:
            raise ValueError(f"seed {seed}, {setting}, budget {budget}: students scored on different test sets")
        found.append({"seed": seed, "setting": setting, "budget": budget, "students": len(agrees),
                      "items": {SIM: 100 * np.mean(np.asarray(agrees, dtype=float), axis=0)}})
    return found


def verdict_lines(done):
    """One line per comparison: the setting, what it is compared with, Δ SIM, CI, p, the answer."""
    lines = ["Simulability (SIM × 100: the share of test examples on which a student predicts the baseline's "
             "label), each setting against the no-explainer student (β = 0) and random scores at the same budget; "
             "Holm over this family:"]
    for _, result in done:
        c = result.comparison
        lines.append(f"  {c.arm.system} vs {c.against.system} ({c.why}), budget {c.arm.iteration}: "
                     f"{describe(result)} ({result.seed_level.seeds} seed(s))")
    return lines


def write_simulability_summary(records, comparisons, seeds, outputs, settings=None):
    """records: student_records of the runs; comparisons: the design's
    simulability_comparisons; outputs: paths of table, per_seed, comparisons,
    comparisons_per_seed, verdict and, where given, fit (the fit table)."""
    fits = fit_rows(records)
    if FIT in outputs:
        write_fit_rows(fits, outputs[FIT])
    return write_simulability_tables(student_agreements(records), comparisons, seeds, outputs, settings, fits)


def fit_rows(records):
    """Per seed, setting and budget of records (student_records, in their order), as the fit
    table's rows of strings: its students, how many learned the teacher, and the mean over them
    of their agreement with it on their own budget and of the commonest label's share there
    (each record's `fit`); NA where the records predate it."""
    rows = []
    for (seed, setting, budget), group in records.items():
        fits = [record.get("fit") for record in group]
        known = [fit for fit in fits if fit is not None]
        if len(known) < len(fits):
            learned, agreement, majority = "NA", "NA", "NA"
        else:
            learned = str(sum(fit["learned"] for fit in known))
            agreement = f"{np.mean([fit['train_agreement'] for fit in known]):.4f}"
            majority = f"{np.mean([fit['majority_share'] for fit in known]):.4f}"
        rows.append(dict(zip(FIT_COLUMNS, map(str, (seed, setting, budget, len(fits), learned, agreement, majority)))))
    return rows


def write_fit_rows(rows, path):
    with atomic_write(path) as out:
        out.write("\t".join(FIT_COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(row[column] for column in FIT_COLUMNS) + "\n")


def fit_lines(rows, seeds):
    """The verdict's closing line from the fit table's rows: how many students did not learn
    the teacher on their own budget, by seed (in the order of `seeds`), setting and budget.
    None where no record has a fit."""
    known = [row for row in rows if row["learned"] != "NA"]
    if not known:
        return []
    order = {str(seed): index for index, seed in enumerate(seeds)}
    known.sort(key=lambda row: order.get(row["seed"], len(order)))  # stable: merged files append seeds
    students = sum(int(row["students"]) for row in known)
    unknown = sum(int(row["students"]) for row in rows if row["learned"] == "NA")
    without = f" ({unknown} more students' records have no fit: written before it was kept)" if unknown else ""
    failed = [(row, int(row["students"]) - int(row["learned"])) for row in known
              if int(row["learned"]) < int(row["students"])]
    if not failed:
        return [f"Every student learned the teacher on its own budget ({students} of {students}){without}."]
    where = "; ".join(f"{row['setting']}, budget {row['budget']}, seed {row['seed']}: {n} of {row['students']}"
                      for row, n in failed)
    return [f"{sum(n for _, n in failed)} of {students} students did not learn the teacher on their own budget "
            f"(their agreement there is below halfway from the commonest label's share to 1){without}: {where}. "
            f"They count in every SIM above, as leaving them out would bias the comparisons; "
            f"{FIT_TABLE} has each group's fit."]


def write_simulability_tables(groups, comparisons, seeds, outputs, settings=None, fits=()):
    """The tables and verdict of groups (student_agreements); fits: the fit table's rows, for
    the verdict's closing line; the rest as write_simulability_summary."""
    loaded = seed_runs(groups)
    write_measure_tables(loaded, KEYS, [SIM], [SIM], outputs["per_seed"], outputs["table"], {SIM: (0.0, 100.0)})
    scores = {}
    for run in loaded:
        arm = Arm(run["setting"], run["budget"])
        scores.setdefault((SIM, arm), {})[run["seed"]] = item_score(run["seed"], arm, run["items"][SIM])
    done = compare_measures([(SIM, c) for c in comparisons], scores, seeds, significance_settings(settings), FAMILY)
    write_measure_comparisons(done, outputs["comparisons"], outputs["comparisons_per_seed"],
                              {"system": "setting", "iteration": "budget", "against_iteration": "against_budget"})
    with atomic_write(outputs["verdict"]) as out:
        out.write("\n".join(verdict_lines(done) + fit_lines(fits, seeds)) + "\n")
    return done
