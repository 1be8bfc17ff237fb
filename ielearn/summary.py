"""The table over seeds of both halves, parameterised by the metric and its per-item scorer:
translation's summary.tsv, classification's classification.tsv, and the summary.tsv that
ielearn.recompute makes of per-seed scores.

One row per arm in the design's order:
- system, iteration: the arm; the baseline's row is `baseline` 0 in both halves (in
  translation the baseline is the main system's model 0, which the comparisons tables and
  the per-seed files name as that arm, e.g. attention 0);
- seeds, valid_mean, valid_sd, test_mean, test_sd: the metric over seeds (BLEU; a
  classification task's headline metric × 100), sample sd, empty for one seed;
- picked_by_valid: yes where validation picks that arm for a system (the baseline's row: a
  main system kept its start), else no;
- delta_<against>, ci_<against>, p_<against> for the baseline and each control at the same
  iteration: the mean per-seed difference, its 95 % CI and its p, Holm-corrected within its
  family (ielearn.inference); empty where there is no such comparison;
- then the half's own columns: classification's further test metrics (`test_<name>_mean`,
  `test_<name>_sd`), and the compute means (`<field>_mean`) where the models' records are read.
Cells: scores and differences to 2 decimals, p to 4 significant digits (ielearn.inference.tables).
"""

import math

from ielearn.aggregate import mean_sd
from ielearn.compute_table import compute_means, mean_columns, write_compute_table
from ielearn.design import BASELINE, CONTROLS
from ielearn.inference.compare import infer
from ielearn.inference.item_records import write_item_records
from ielearn.inference.settings import significance_settings
from ielearn.inference.tables import COMPARISON_COLUMNS, comparison_rows, write_comparisons, write_tsv
from ielearn.inference.verdict import verdict
from ielearn.io import atomic_write

AGAINST = (BASELINE, *CONTROLS)  # the comparison columns: the baseline, the registry's controls
COLUMNS = ["system", "iteration", "seeds", "valid_mean", "valid_sd", "test_mean", "test_sd", "picked_by_valid",
           *[f"{kind}_{against}" for against in AGAINST for kind in ("delta", "ci", "p")]]
PICKED = {True: "yes", False: "no"}  # not a blank: an empty cell means "no such number"


def interval(level):
    """'[-0.81, +0.26]', the 95 % CI of a seed-level difference; empty where there is none."""
    return "" if math.isnan(level.ci_low) else f"[{level.ci_low:+.2f}, {level.ci_high:+.2f}]"


def row_name(design, arm):
    """(system, iteration) as the table names the arm: the baseline as `baseline` 0."""
    return (BASELINE, 0) if arm == design.baseline else (arm.system, arm.iteration)


def comparison_with(design, inference, arm, against):
    """The result of `arm` against the baseline or control `against` (design.against), or None."""
    other = design.against(arm, against)
    return inference.find(arm, other) if other is not None else None


def summary_rows(design, arms, inference):
    """One row per arm of the design that has scores (each row's `arm` keys the half's own
    columns); `arms`: ArmScores."""
    rows, picked = [], set(inference.picks.values())
    for arm in design.arms():
        group = [a for a in arms if a.arm == arm]
        if not group:
            continue
        system, iteration = row_name(design, arm)
        valid_mean, valid_sd = mean_sd(a.valid for a in group)
        test_mean, test_sd = mean_sd(a.test for a in group)
        row = {"arm": arm, "system": system, "iteration": iteration, "seeds": len(group), "valid_mean": valid_mean,
               "valid_sd": valid_sd, "test_mean": test_mean, "test_sd": test_sd,
               "picked_by_valid": PICKED[arm in picked]}
        for against in AGAINST:
            result = comparison_with(design, inference, arm, against)
            row[f"delta_{against}"] = result.seed_level.mean if result else float("nan")
            row[f"ci_{against}"] = interval(result.seed_level) if result else ""
            row[f"p_{against}"] = result.p_holm if result else float("nan")
        rows.append(row)
    return rows


def summarise(design, arms, scorer=None, settings=None, metric="BLEU"):
    """(summary rows, inference, verdict text) of ArmScores; scorer: the per-item scorer of
    their item records (None: the seeds alone)."""
    settings = significance_settings(settings)
    inference = infer(design, arms, scorer, settings)
    tests = {}
    for a in arms:
        tests.setdefault(a.arm, []).append(a.test)
    return summary_rows(design, arms, inference), inference, verdict(design, inference, tests, metric, settings.margin)


def write_summary_tables(design, arms, outputs, scorer=None, settings=None, metric="BLEU", extra=None,
                         compute=None):
    """Write the summary of ArmScores `arms` and return (inference, verdict text).
    outputs: paths of table, comparisons and verdict, and where given comparisons_per_seed,
    item_records (every arm's per-item records, for ielearn.recompute) and compute.
    extra: (columns, {arm: {column: value}}), the half's own columns after the comparisons.
    compute: (per-seed rows, their fields, the fields averaged in the table)
    (ielearn.compute_table); the rows are written to outputs["compute"] where it is given."""
    rows, inference, text = summarise(design, arms, scorer, settings, metric)
    columns = list(COLUMNS)
    if extra:
        names, values = extra
        columns += names
        rows = [{**row, **values[row["arm"]]} for row in rows]
    if compute:
        per_seed, fields, averaged = compute
        if "compute" in outputs:
            write_compute_table(outputs["compute"], per_seed, fields)
        means = compute_means(per_seed, averaged)
        columns += mean_columns(averaged)
        rows = [{**row, **means[(row["arm"].system, row["arm"].iteration)]} for row in rows]
    write_tsv(outputs["table"], columns, rows)
    if "comparisons_per_seed" in outputs:
        write_comparisons(inference, outputs["comparisons"], outputs["comparisons_per_seed"])
    else:
        write_tsv(outputs["comparisons"], COMPARISON_COLUMNS, comparison_rows(inference))
    if "item_records" in outputs:
        write_item_records(outputs["item_records"], arms)
    with atomic_write(outputs["verdict"]) as out:
        out.write(text)
    return inference, text
