"""The translation experiment's tables over seeds and its verdict in words.

Every seed is a full replicate (baseline, bootstrap, controls). summary.tsv has one row per
system and iteration: valid and test BLEU as mean and sample sd over seeds, the iteration
validation picks, and for the baseline and each control at the same iteration the mean
per-seed difference Δ, its 95 % CI and its Holm-corrected seed-level p
(ielearn.inference.compare: the same implementation as the classification summary).
comparisons.tsv and comparisons_per_seed.tsv hold every comparison, the picked ones too.
Given each model's compute.json, summary.tsv also shows each arm's updates, epochs and source
tokens (mean over seeds) and compute.tsv every seed's (ielearn/compute_table.py).
"""

import json

import numpy as np

from ielearn.aggregate import mean_sd
from ielearn.compute_table import compute_means, compute_rows, mean_columns, write_compute_table
from ielearn.design import CONTROLS, Arm
from ielearn.inference.compare import ArmScore, infer
from ielearn.inference.item_records import write_item_records
from ielearn.inference.scorers import BLEU, bleu_items
from ielearn.inference.settings import significance_settings
from ielearn.inference.tables import write_comparisons, write_tsv
from ielearn.inference.verdict import verdict
from ielearn.io import atomic_write, read_lines
from ielearn.nmt.compute import read_compute
from ielearn.score_rows import check_scores, score_files
from ielearn.sweep import CANDIDATES

AGAINST = ("baseline", *CONTROLS)  # the summary's comparison columns, the registry's controls
COLUMNS = ["system", "iteration", "seeds", "valid_mean", "valid_sd", "test_mean", "test_sd", "picked_by_valid",
           *[f"{kind}_{against}" for against in AGAINST for kind in ("delta", "ci", "p")]]
PER_SEED_COLUMNS = ["seed", "system", "iteration", "valid_bleu", "test_bleu"]
# compute.tsv per seed; summary.tsv adds the mean over seeds of MEAN_FIELDS
COMPUTE_FIELDS = ["updates", "epochs", "kept_epochs", "source_tokens", "lr", CANDIDATES]
MEAN_FIELDS = ["updates", "epochs", "source_tokens"]


def read_score(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["score"]


def per_seed_scores(runs):
    """runs: dicts with seed, system, iteration and the valid and test .bleu paths → one dict each."""
    return [{"seed": run["seed"], "system": run["system"], "iteration": run["iteration"],
             "valid_bleu": read_score(run["valid"]), "test_bleu": read_score(run["test"])} for run in runs]


def arm_scores(scores, items=None):
    """ArmScores of per-seed score dicts; items: per-item BLEU statistics in the same order."""
    items = items or [None] * len(scores)
    return [ArmScore(s["seed"], Arm(s["system"], int(s["iteration"])), s["valid_bleu"], s["test_bleu"], i)
            for s, i in zip(scores, items)]


def _interval(result):
    level = result.seed_level
    return "" if np.isnan(level.ci_low) else f"[{level.ci_low:+.2f}, {level.ci_high:+.2f}]"


def summary_rows(design, arms, inference):
    """One row per arm in the design's order, with its same-iteration comparisons."""
    rows = []
    for arm in design.arms():
        group = [a for a in arms if a.arm == arm]
        if not group:
            continue
        valid_mean, valid_sd = mean_sd(a.valid for a in group)
        test_mean, test_sd = mean_sd(a.test for a in group)
        row = {"system": arm.system, "iteration": arm.iteration, "seeds": len(group), "valid_mean": valid_mean,
               "valid_sd": valid_sd, "test_mean": test_mean, "test_sd": test_sd,
               "picked_by_valid": "*" if arm in inference.picks.values() else ""}
        for against in AGAINST:
            other = design.baseline if against == "baseline" else design.control_arm(against, arm.iteration)
            result = inference.find(arm, other) if other is not None else None
            row[f"delta_{against}"] = result.seed_level.mean if result else float("nan")
            row[f"ci_{against}"] = _interval(result) if result else ""
            row[f"p_{against}"] = result.p_holm if result else float("nan")
        rows.append(row)
    return rows


def summarise(design, arms, scorer=None, settings=None, metric="BLEU"):
    """(summary rows, inference, verdict text) of ArmScores."""
    settings = significance_settings(settings)
    inference = infer(design, arms, scorer, settings)
    tests = {}
    for a in arms:
        tests.setdefault(a.arm, []).append(a.test)
    return summary_rows(design, arms, inference), inference, verdict(design, inference, tests, metric, settings.margin)


def write_summary(design, runs, reference, outputs, settings=None, computes=()):
    """runs: dicts of seed, system, iteration, the valid and test .bleu and the test hypotheses
    `hyp` (ielearn.summary_runs); reference: the test references; outputs: paths of table,
    per_seed, comparisons, comparisons_per_seed, verdict (and compute, with `computes`: each
    run's model's compute.json, in the order of runs; and item_records, every arm's per-sentence
    BLEU statistics for ielearn.recompute)."""
    check_scores(design, score_files(runs), "the summary's .bleu files")  # whole, numbers
    scores = per_seed_scores(runs)
    references = read_lines(reference)
    items = [bleu_items(read_lines(run["hyp"]), references) for run in runs]
    arms = arm_scores(scores, items)
    rows, inference, text = summarise(design, arms, BLEU, settings)
    if "item_records" in outputs:
        write_item_records(outputs["item_records"], arms)
    columns = COLUMNS
    if computes:
        records = [(run["seed"], run["system"], run["iteration"], read_compute(path))
                   for run, path in zip(runs, computes, strict=True)]
        compute = compute_rows(records, COMPUTE_FIELDS)
        write_compute_table(outputs["compute"], compute, COMPUTE_FIELDS)
        means = compute_means(compute, MEAN_FIELDS)
        rows = [{**row, **means[(row["system"], row["iteration"])]} for row in rows]
        columns = COLUMNS + mean_columns(MEAN_FIELDS)
    write_outputs(rows, scores, inference, text, outputs, columns)
    return text


def write_outputs(rows, scores, inference, text, outputs, columns=COLUMNS):
    write_tsv(outputs["table"], columns, rows)
    write_tsv(outputs["per_seed"], PER_SEED_COLUMNS, scores)
    write_comparisons(inference, outputs["comparisons"], outputs["comparisons_per_seed"])
    with atomic_write(outputs["verdict"]) as out:
        out.write(text)
