"""The classification experiment's tables over seeds, like the paper's Table 5, and its verdict.

- classification.tsv: the table both halves write (ielearn/summary.py; a system trained from
  the pretrained encoder, SCC, is compared with `none` at iteration 1: ielearn/design.py), with
  the task's headline metric × 100 as valid_mean … test_sd and its further test metrics as
  `test_<name>_mean` and `test_<name>_sd`.
- classification_per_seed.tsv: every seed's numbers and its own validation pick
  (`picked_by_valid`), with the difference from that seed's baseline and controls (`delta_*`)
  and the test-item diagnostic (approximate randomization, Holm-corrected within the seed: `p_*`).
- classification_comparisons[_per_seed].tsv and classification_verdict.txt: every comparison
  (the picked ones too) and the answer in words.
- given each model's directory (its training.json), classification.tsv also shows each arm's
  updates, epochs, examples and wordpieces (mean over seeds), and classification_compute.tsv
  every seed's (ielearn/compute_table.py, shared with translation), with each training's
  seconds and peak memory where its record has them (ielearn/classify/training_cost.py).
- classification_scores_per_seed.tsv and classification_items_per_seed.tsv.gz: the rows
  ielearn.recompute and ielearn.merge_seeds read.
The statistics are ielearn.inference's, shared with translation. Metrics are × 100.
"""

import json
import math
from dataclasses import dataclass

from ielearn.aggregate import mean_sd
from ielearn.classify.predictions import read_predictions
from ielearn.classify.significance import task_items, task_scorer
from ielearn.classify.training_record import read_training
from ielearn.compute_table import compute_rows
from ielearn.design import Arm
from ielearn.errors import UserError
from ielearn.inference.compare import ArmScore, picked_arms
from ielearn.inference.tables import write_tsv
from ielearn.score_rows import check_scores, score_files, write_score_table
from ielearn.summary import AGAINST, PICKED, comparison_with, write_summary_tables
from ielearn.sweep import CANDIDATES

# classification_compute.tsv per seed; classification.tsv adds the mean over seeds of MEAN_FIELDS
COMPUTE_FIELDS = ["updates", "epochs", "kept_epoch", "examples", "wordpieces", "lr", CANDIDATES]
# and, where the records have them (trainings since they were recorded), each training's cost
COST_FIELDS = ["seconds", "peak_rss_mb", "peak_gpu_mb"]
MEAN_FIELDS = ["updates", "epochs", "examples", "wordpieces"]
COMPUTE_FILE = "classification_compute.tsv"  # where ielearn.merge_seeds and ielearn.recompute find the rows


@dataclass
class Run:
    """One trained model's scores: seed, system (baseline, an explainer, a control), iteration."""
    seed: int
    system: str
    iteration: int
    valid: dict  # the .score JSON of the valid split
    test: dict  # the .score JSON of the test split
    pred: str  # the test predictions TSV


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_runs(runs):
    """runs: dicts with seed, system, iteration and the valid/test .score and test .pred paths."""
    return [Run(r["seed"], r["system"], int(r["iteration"]), _load(r["valid"]), _load(r["test"]), r["pred"])
            for r in runs]


def arm_scores(runs, task):
    """ArmScores (× 100) with each run's per-example records; every run of a seed must hold
    the same gold labels as that seed's first run."""
    gold_of_seed, scores = {}, []
    for run in runs:
        gold, predicted = read_predictions(run.pred, task)
        first = gold_of_seed.setdefault(run.seed, (gold, run.pred))
        if gold != first[0]:
            raise UserError(f"{run.pred} and {first[1]} hold different gold labels (stale predictions?); "
                            "delete both and rerun")
        scores.append(ArmScore(run.seed, Arm(run.system, run.iteration), 100 * run.valid["value"],
                               100 * run.test["value"], task_items(task, gold, predicted)))
    return scores


def _groups(items, key):
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def per_seed_rows(design, runs, scores, inference):
    """classification_per_seed.tsv's rows and columns: every seed's scores (× 100), test size,
    differences from that seed's baseline and controls with their test-item p, and its own pick."""
    names, valid_name = list(runs[0].test["metrics"]), runs[0].valid["metric"]
    columns = ["seed", "system", "iteration", f"valid_{valid_name}", *[f"test_{n}" for n in names], "test_n",
               *[f"{kind}_{a}" for a in AGAINST for kind in ("delta", "p")], "picked_by_valid"]
    picks = {seed: set(picked_arms(design, group).values())
             for seed, group in _groups(scores, lambda s: s.seed).items()}
    rows = []
    for run in runs:
        arm = Arm(run.system, run.iteration)
        row = {"seed": run.seed, "system": run.system, "iteration": run.iteration,
               f"valid_{valid_name}": 100 * run.valid["value"], "test_n": run.test["n"],
               **{f"test_{n}": 100 * run.test["metrics"][n] for n in names},
               "picked_by_valid": PICKED[arm in picks[run.seed]]}
        for name in AGAINST:
            result = comparison_with(design, inference, arm, name)
            seed = next((d for d in result.per_seed if d.seed == run.seed), None) if result else None
            row[f"delta_{name}"], row[f"p_{name}"] = (seed.delta, seed.p_holm) if seed else (math.nan, math.nan)
        rows.append(row)
    return columns, rows


def further_metrics(runs):
    """The summary's own columns: each test metric besides the headline, mean and sd over
    seeds (× 100) per arm (accuracy_f1's f1, spearman_pearson's pearson)."""
    names = [name for name in runs[0].test["metrics"] if name != runs[0].test["metric"]]
    columns = [f"test_{name}_{part}" for name in names for part in ("mean", "sd")]
    values = {}
    for arm, group in _groups(runs, lambda r: Arm(r.system, r.iteration)).items():
        values[arm] = {}
        for name in names:
            mean, sd = mean_sd(100 * r.test["metrics"][name] for r in group)
            values[arm].update({f"test_{name}_mean": mean, f"test_{name}_sd": sd})
    return columns, values


def write_classification_summary(design, runs, task, outputs, settings=None, models=()):
    """runs: dicts (seed, system, iteration, valid, test, pred paths); outputs: paths of table,
    per_seed, comparisons, comparisons_per_seed and verdict (and compute, with `models`: each
    run's model directory, in the order of runs; and item_records and scores, every arm's
    per-example records and per-seed scores for ielearn.recompute). Returns the verdict text."""
    check_scores(design, score_files(runs, "value"), "the summary's .score files")  # whole, numbers
    loaded = load_runs(runs)
    scores = arm_scores(loaded, task)
    compute = None
    if models:
        records = [read_training(model) for model in models]
        fields = COMPUTE_FIELDS + [field for field in COST_FIELDS if any(field in r for r in records)]
        compute = (compute_rows([(run.seed, run.system, run.iteration, record)
                                 for run, record in zip(loaded, records, strict=True)], fields), fields, MEAN_FIELDS)
    inference, text = write_summary_tables(design, scores, outputs, task_scorer(task), settings,
                                           loaded[0].test["metric"], further_metrics(loaded), compute)
    write_tsv(outputs["per_seed"], *per_seed_rows(design, loaded, scores, inference))
    if "scores" in outputs:
        write_score_table(outputs["scores"], scores)
    return text
