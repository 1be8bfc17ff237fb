"""The translation experiment's tables over seeds and its verdict in words.

Every seed is a full replicate (baseline, bootstrap, controls). summary.tsv is the table both
halves write (ielearn/summary.py): one row per system and iteration with valid and test BLEU
as mean and sample sd over seeds, the iteration validation picks, and against the baseline
and each control at the same iteration the mean per-seed difference, its 95 % CI and its
Holm-corrected p. scores_per_seed.tsv holds every seed's BLEU (the rows ielearn.recompute
and ielearn.merge_seeds read); comparisons.tsv and comparisons_per_seed.tsv hold every
comparison, the picked ones too. Given each model's compute.json, summary.tsv also shows each
arm's updates, epochs and source tokens (mean over seeds) and compute.tsv every seed's
(ielearn/compute_table.py).
"""

import json

from ielearn.compute_table import compute_rows
from ielearn.design import Arm
from ielearn.inference.compare import ArmScore
from ielearn.inference.scorers import BLEU, bleu_items
from ielearn.inference.tables import write_tsv
from ielearn.io import read_lines
from ielearn.nmt.compute import read_compute
from ielearn.score_rows import check_scores, score_files
from ielearn.summary import write_summary_tables
from ielearn.sweep import CANDIDATES

PER_SEED_COLUMNS = ["seed", "system", "iteration", "valid_bleu", "test_bleu"]
# compute.tsv per seed; summary.tsv adds the mean over seeds of MEAN_FIELDS
COMPUTE_FIELDS = ["updates", "epochs", "kept_epochs", "source_tokens", "lr", CANDIDATES]
MEAN_FIELDS = ["updates", "epochs", "source_tokens"]
COMPUTE_FILE = "compute.tsv"  # where ielearn.merge_seeds and ielearn.recompute find the per-seed rows


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


def write_summary(design, runs, reference, outputs, settings=None, computes=()):
    """runs: dicts of seed, system, iteration, the valid and test .bleu and the test hypotheses
    `hyp` (ielearn.summary_runs); reference: the test references; outputs: paths of table,
    per_seed, comparisons, comparisons_per_seed, verdict (and compute, with `computes`: each
    run's model's compute.json, in the order of runs; and item_records, every arm's per-sentence
    BLEU statistics for ielearn.recompute). Returns the verdict text."""
    check_scores(design, score_files(runs), "the summary's .bleu files")  # whole, numbers
    scores = per_seed_scores(runs)
    references = read_lines(reference)
    arms = arm_scores(scores, [bleu_items(read_lines(run["hyp"]), references) for run in runs])
    compute = None
    if computes:
        records = [(run["seed"], run["system"], run["iteration"], read_compute(path))
                   for run, path in zip(runs, computes, strict=True)]
        compute = (compute_rows(records, COMPUTE_FIELDS), COMPUTE_FIELDS, MEAN_FIELDS)
    write_tsv(outputs["per_seed"], PER_SEED_COLUMNS, scores)
    return write_summary_tables(design, arms, outputs, BLEU, settings, "BLEU", compute=compute)[1]
