"""The explanation-quality tables of a classification experiment (ielearn/classify/quality.py
computes each model's per-example curves).

One row per explainer and iteration k: the quality of the words iteration k appends, on the
model that chose them (model k-1 of that explainer's chain: the baseline for k = 1, so at
k = 1 every explainer explains the same model, but `scc`, whose chain starts from the SCC
model). Measures × 100:
- comprehensiveness_aopc, sufficiency_aopc (AOPC over ERASER's bins, or over k = 1..K words:
  whichever the curves files hold, quality.py) and posthoc_accuracy_avg (mean over the steps),
  the three compared between explainers;
- every curve at each step (comprehensiveness_5pct: the 5 % bin; comprehensiveness_<k>: the
  SCC paper's AOPC-k).
classification_quality.tsv: mean over seeds and its 95 % CI; _per_seed.tsv: every seed's;
_comparisons[_per_seed].tsv: every pair of explainers at the same iteration (`random`
included, the floor; the rules rate it at iteration 1 even without the random control), per
measure: mean per-seed difference, CI over seeds and test
examples, paired t-test over seeds, Holm over the table (ielearn.inference, as
classification_comparisons.tsv).
"""

import numpy as np

from ielearn import systems
from ielearn.classify.quality import CURVES, aopc, is_bin
from ielearn.design import Arm, Comparison
from ielearn.inference.measures import compare_measures, item_score, write_measure_comparisons, write_measure_tables
from ielearn.inference.settings import significance_settings
from ielearn.io import read_tsv

HEADLINES = ("comprehensiveness_aopc", "sufficiency_aopc", "posthoc_accuracy_avg")
KEYS = ("explainer", "iteration", "explained_model")


def explained_model(explainer, iteration):
    """The model whose words iteration k appends: the explainer's model k-1; model 0 is the
    baseline, but for the chain of a trained method (`scc`), which starts from its own model
    0 (scc/0)."""
    own_start = systems.is_kind(explainer, systems.TRAINED_METHOD)
    return "baseline" if iteration == 1 and not own_start else f"{explainer}/{iteration - 1}"


def per_item_measures(path):
    """{measure: per-example values × 100} of one model's curves file (quality.py's TSV)."""
    rows = read_tsv(path)
    curves = {}
    for column in rows[0]:  # in the file's order of steps
        curve, step = column.rsplit("_", 1)
        curves.setdefault(curve, {})[step] = np.array([100 * float(row[column]) for row in rows])
    measures = {}
    for curve in (c for c in CURVES if c in curves):
        steps = list(curves[curve])
        points = np.stack([curves[curve][step] for step in steps], axis=1)  # examples × steps
        if curve == "posthoc_accuracy":
            measures[f"{curve}_avg"] = points.mean(axis=1)  # avg over steps: `_mean` is over seeds
        else:
            bins = is_bin(steps[0])
            measures[f"{curve}_aopc"] = np.array([aopc(row, bins) for row in points])
        measures.update({f"{curve}_{step}": points[:, i] for i, step in enumerate(steps)})
    return measures


def measure_bounds(measures):
    """The range of each measure × 100: post-hoc accuracy in [0, 100]; a probability drop
    (comprehensiveness, sufficiency) in [−100, 100]."""
    return {m: (0.0, 100.0) if m.startswith("posthoc_accuracy") else (-100.0, 100.0) for m in measures}


def quality_comparisons(explainers, depth, measures):
    """Every pair of explainers at each iteration, for each measure (the design's order:
    the explainers, then the random control)."""
    pairs = [(a, b) for i, a in enumerate(explainers) for b in explainers[i + 1:]]
    def why(a, b, k):
        return "same model" if explained_model(a, k) == explained_model(b, k) else "same iteration"
    return [(measure, Comparison(Arm(a, k), Arm(b, k), why(a, b, k)))
            for k in range(1, depth + 1) for a, b in pairs for measure in measures]


def write_quality_summary(runs, explainers, depth, seeds, outputs, settings=None):
    """runs: dicts (seed, explainer, iteration, path of its curves); explainers: in table order;
    outputs: paths of table, per_seed, comparisons, comparisons_per_seed."""
    loaded = [{**run, "iteration": int(run["iteration"]),
               "explained_model": explained_model(run["explainer"], int(run["iteration"])),
               "items": per_item_measures(run["path"])} for run in runs]
    present = set(loaded[0]["items"])
    headlines = [m for m in HEADLINES if m in present]
    measures = headlines + [m for m in loaded[0]["items"] if m not in headlines]
    write_measure_tables(loaded, KEYS, measures, headlines, outputs["per_seed"], outputs["table"],
                         measure_bounds(measures))
    scores = {}
    for run in loaded:
        arm = Arm(run["explainer"], run["iteration"])
        for measure in headlines:
            scores.setdefault((measure, arm), {})[run["seed"]] = item_score(run["seed"], arm, run["items"][measure])
    done = compare_measures(quality_comparisons(list(explainers), depth, headlines), scores, seeds,
                            significance_settings(settings))
    write_measure_comparisons(done, outputs["comparisons"], outputs["comparisons_per_seed"])
