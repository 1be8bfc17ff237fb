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
classification_simulability_verdict.txt says each comparison in those words.
"""

import json

import numpy as np

from ielearn.design import Arm
from ielearn.inference.measures import compare_measures, item_score, write_measure_comparisons, write_measure_tables
from ielearn.inference.settings import significance_settings
from ielearn.inference.verdict import describe
from ielearn.io import atomic_write

SIM = "sim"
FAMILY = "simulability"
KEYS = ("setting", "budget")


def seed_runs(runs):
    """runs: dicts (seed, setting, budget, path of one student's record) → one dict per seed,
    setting and budget with `students` and `items` {sim: per-example agreement × 100, averaged
    over its students}."""
    groups = {}
    for run in runs:
        record = json.loads(open(run["path"], encoding="utf-8").read())
        groups.setdefault((run["seed"], run["setting"], int(run["budget"])), []).append(record["agrees"])
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


def write_simulability_summary(runs, comparisons, seeds, outputs, settings=None):
    """runs: dicts (seed, setting, budget, path); comparisons: the design's
    simulability_comparisons; outputs: paths of table, per_seed, comparisons,
    comparisons_per_seed, verdict."""
    loaded = seed_runs(runs)
    write_measure_tables(loaded, KEYS, [SIM], [SIM], outputs["per_seed"], outputs["table"], {SIM: (0.0, 100.0)})
    scores = {}
    for run in loaded:
        arm = Arm(run["setting"], run["budget"])
        scores.setdefault((SIM, arm), {})[run["seed"]] = item_score(run["seed"], arm, run["items"][SIM])
    done = compare_measures([(SIM, c) for c in comparisons], scores, seeds, significance_settings(settings), FAMILY)
    write_measure_comparisons(done, outputs["comparisons"], outputs["comparisons_per_seed"],
                              {"system": "setting", "iteration": "budget", "against_iteration": "against_budget"})
    with atomic_write(outputs["verdict"]) as out:
        out.write("\n".join(verdict_lines(done)) + "\n")
    return done
