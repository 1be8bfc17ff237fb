"""The classification experiment's tables over seeds, like the paper's Table 5, and its verdict.

- classification.tsv: one row per system and iteration: seeds, mean ± sd over seeds (also as
  numeric columns), the iteration validation picks, and against the baseline and each control
  at the same iteration (a system trained from the pretrained encoder, SCC: `none` at
  iteration 1; ielearn/design.py) the mean per-seed difference (`diff_vs_*`), its 95 % CI (`ci_vs_*`)
  and its seed-level p, Holm-corrected over the table (`p_vs_*`).
- classification_per_seed.tsv: every seed's numbers and its own validation pick, with the
  difference from that seed's baseline and controls and the test-item diagnostic (approximate
  randomization, Holm-corrected within the seed).
- classification_comparisons[_per_seed].tsv and classification_verdict.txt: every comparison
  (the picked ones too) and the answer in words.
- given each model's directory (its training.json), classification.tsv also shows each arm's
  updates, epochs, examples and wordpieces (mean over seeds), and classification_compute.tsv
  every seed's (ielearn/compute_table.py, shared with translation), with each training's
  seconds and peak memory where its record has them (ielearn/classify/training_cost.py).
The statistics are ielearn.inference's, shared with translation. Metrics are × 100.
"""

import json
import math
from dataclasses import dataclass

from ielearn.aggregate import format_mean_sd, mean_sd
from ielearn.classify.predictions import read_predictions
from ielearn.classify.significance import task_items, task_scorer
from ielearn.classify.training_record import read_training
from ielearn.compute_table import compute_means, compute_rows, mean_columns, write_compute_table
from ielearn.design import CONTROLS, Arm
from ielearn.errors import UserError
from ielearn.inference.compare import ArmScore, infer, picked_arms
from ielearn.inference.item_records import write_item_records
from ielearn.inference.settings import significance_settings
from ielearn.inference.tables import write_comparisons
from ielearn.inference.verdict import verdict
from ielearn.io import atomic_write
from ielearn.score_rows import check_scores, score_files, write_score_table
from ielearn.sweep import CANDIDATES

MISSING = "NA"
AGAINST = ("baseline", *CONTROLS)
# classification_compute.tsv per seed; classification.tsv adds the mean over seeds of MEAN_FIELDS
COMPUTE_FIELDS = ["updates", "epochs", "kept_epoch", "examples", "wordpieces", "lr", CANDIDATES]
# and, where the records have them (trainings since they were recorded), each training's cost
COST_FIELDS = ["seconds", "peak_rss_mb", "peak_gpu_mb"]
MEAN_FIELDS = ["updates", "epochs", "examples", "wordpieces"]


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


def _percent(value):
    return f"{100 * value:.2f}"


def _number(value, digits=".2f"):
    return MISSING if value is None or math.isnan(value) else f"{value:{digits}}"


def _against(design, inference, arm, name):
    """The comparison of `arm` with the baseline or a control (design.against), or None."""
    other = design.against(arm, name)
    return inference.find(arm, other) if other is not None else None


def _groups(runs, key):
    groups = {}
    for run in runs:
        groups.setdefault(key(run), []).append(run)
    return groups


def write_per_seed_table(design, runs, scores, inference, out_path):
    names, valid_name = list(runs[0].test["metrics"]), runs[0].valid["metric"]
    header = ["seed", "system", "iteration", f"valid_{valid_name}", *[f"test_{n}" for n in names], "test_n",
              *[f"{kind}_vs_{a}" for a in AGAINST for kind in ("diff", "p")], "picked"]
    picks = {seed: set(picked_arms(design, group).values())
             for seed, group in _groups(scores, lambda s: s.seed).items()}
    with atomic_write(out_path) as out:
        out.write("\t".join(header) + "\n")
        for run in runs:
            arm, cells = Arm(run.system, run.iteration), []
            for name in AGAINST:
                result = _against(design, inference, arm, name)
                seed = next((d for d in result.per_seed if d.seed == run.seed), None) if result else None
                cells += [_number(seed.delta), _number(seed.p_holm, ".4g")] if seed else [MISSING, MISSING]
            out.write("\t".join([
                str(run.seed), run.system, str(run.iteration), _percent(run.valid["value"]),
                *[_percent(run.test["metrics"][n]) for n in names], str(run.test["n"]), *cells,
                _yes(arm in picks[run.seed]),
            ]) + "\n")


def write_summary_table(design, runs, inference, out_path, means=None):
    """means: {(system, iteration): {column: mean}} of the compute columns, or None."""
    names, valid_name = list(runs[0].test["metrics"]), runs[0].valid["metric"]
    compute = mean_columns(MEAN_FIELDS) if means else []
    header = ["system", "iteration", "seeds", f"valid_{valid_name}"]
    for name in names:
        header += [f"test_{name}", f"test_{name}_mean", f"test_{name}_sd"]
    header += ["test_n", *[f"{kind}_vs_{a}" for a in AGAINST for kind in ("diff", "ci", "p")], *compute, "picked"]
    picked = set(inference.picks.values())
    with atomic_write(out_path) as out:
        out.write("\t".join(header) + "\n")
        for (system, iteration), group in _groups(runs, lambda r: (r.system, r.iteration)).items():
            arm = Arm(system, iteration)
            row = [system, str(iteration), str(len(group)), format_mean_sd(*_scaled(r.valid["value"] for r in group))]
            for name in names:
                mean, sd = _scaled(r.test["metrics"][name] for r in group)
                row += [format_mean_sd(mean, sd), f"{mean:.2f}", _number(sd)]
            row.append(str(group[0].test["n"]))
            for name in AGAINST:
                result = _against(design, inference, arm, name)
                level = result.seed_level if result else None
                row += ([_number(level.mean), _interval(level), _number(result.p_holm, ".4g")] if result
                        else [MISSING] * 3)
            row += [_number(means[(system, iteration)][column], ".1f") for column in compute]
            row.append(_yes(arm in picked))
            out.write("\t".join(row) + "\n")


def _interval(level):
    return MISSING if math.isnan(level.ci_low) else f"[{level.ci_low:+.2f}, {level.ci_high:+.2f}]"


def _yes(flag):
    return "yes" if flag else "no"


def _scaled(values):
    return mean_sd([100 * v for v in values])


def write_classification_summary(design, runs, task, outputs, settings=None, models=()):
    """runs: dicts (seed, system, iteration, valid, test, pred paths); outputs: paths of table,
    per_seed, comparisons, comparisons_per_seed and verdict (and compute, with `models`: each
    run's model directory, in the order of runs; and item_records and scores, every arm's
    per-example records and per-seed scores for ielearn.recompute). Returns the verdict text."""
    check_scores(design, score_files(runs, "value"), "the summary's .score files")  # whole, numbers
    loaded = load_runs(runs)
    scores = arm_scores(loaded, task)
    settings = significance_settings(settings)
    inference = infer(design, scores, task_scorer(task), settings)
    write_per_seed_table(design, loaded, scores, inference, outputs["per_seed"])
    means = None
    if models:
        records = [read_training(model) for model in models]
        fields = COMPUTE_FIELDS + [field for field in COST_FIELDS if any(field in r for r in records)]
        compute = compute_rows([(run.seed, run.system, run.iteration, record)
                                for run, record in zip(loaded, records, strict=True)], fields)
        write_compute_table(outputs["compute"], compute, fields)
        means = compute_means(compute, MEAN_FIELDS)
    write_summary_table(design, loaded, inference, outputs["table"], means)
    write_comparisons(inference, outputs["comparisons"], outputs["comparisons_per_seed"])
    if "item_records" in outputs:
        write_item_records(outputs["item_records"], scores)
    if "scores" in outputs:
        write_score_table(outputs["scores"], scores)
    tests = {}
    for score in scores:
        tests.setdefault(score.arm, []).append(score.test)
    text = verdict(design, inference, tests, loaded[0].test["metric"], settings.margin)
    with atomic_write(outputs["verdict"]) as out:
        out.write(text)
    return text
