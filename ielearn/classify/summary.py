"""The experiment's tables, like the paper's Table 5, over seeds and with significance.

- classification_per_seed.tsv: one row per seed, system and iteration: valid and test metrics,
  and the paired-bootstrap difference and p-value of the test headline metric against that
  seed's baseline and against each of that seed's controls (`random`, `none`) at the same
  iteration.
- classification.tsv: one row per system and iteration: the number of seeds, mean ± sd over
  seeds (also as separate numeric columns), per-seed p-values pooled with Fisher's method,
  and the iteration that validation picks for each system.
Metrics are × 100; p-values are as defined in ielearn.classify.significance.
"""

import json
import math
from dataclasses import dataclass, field

from ielearn.aggregate import format_mean_sd, mean_sd, pooled_p
from ielearn.classify.score import read_predictions
from ielearn.classify.significance import DEFAULT_RESAMPLES, DEFAULT_SEED, headline_metric, paired_bootstrap
from ielearn.errors import UserError
from ielearn.io import atomic_write

NOTHING = "none"  # the control that appends nothing (it reads the plain examples)
# the controls every other system is compared with at the same iteration
CONTROLS = ("random", NOTHING)
MISSING = "NA"


@dataclass
class Run:
    """One trained model's scores: seed, system (baseline, an explainer, a control), iteration."""
    seed: int
    system: str
    iteration: int
    valid: dict  # the .score JSON of the valid split
    test: dict  # the .score JSON of the test split
    pred: str  # the test predictions TSV
    against: dict = field(default_factory=dict)  # {"baseline" | a control: (difference, p)}


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_runs(runs):
    """runs: dicts with seed, system, iteration and the valid/test .score and test .pred paths."""
    return [Run(r["seed"], r["system"], int(r["iteration"]), _load(r["valid"]), _load(r["test"]), r["pred"])
            for r in runs]


def compare_runs(runs, task, resamples=DEFAULT_RESAMPLES, seed=DEFAULT_SEED):
    """Fill each run's `against`: every system against its seed's baseline, and against each
    of its seed's controls at the same iteration (if there is one), except itself: so the
    `random` control is compared with `none` too (and `none` with `random`, the same test)."""
    metric = headline_metric(task)
    predictions = {}

    def load(run):
        if run.pred not in predictions:
            predictions[run.pred] = read_predictions(run.pred, task)
        return predictions[run.pred]

    by_key = {(r.seed, r.system, r.iteration): r for r in runs}
    for run in runs:
        references = {"baseline": by_key.get((run.seed, "baseline", 0))}
        if run.system != "baseline":
            references.update({c: by_key.get((run.seed, c, run.iteration)) for c in CONTROLS})
        for name, reference in references.items():
            if reference is None or reference is run:
                continue
            if run.system in reference.against:  # `none` vs `random`: the test of `random` vs
                difference, p = reference.against[run.system]  # `none`, the other way round
                run.against[name] = (0.0 - difference, p)  # 0.0 - 0.0 is 0.0, not -0.0
                continue
            gold, system = load(run)
            reference_gold, baseline = load(reference)
            if gold != reference_gold:
                raise UserError(f"{run.pred} and {reference.pred} hold different gold labels (stale "
                                "predictions?); delete both and rerun")
            run.against[name] = paired_bootstrap(gold, system, baseline, metric, resamples, seed)
    return runs


def picked_iterations(runs):
    """{system: the iteration whose runs have the best mean valid score} (earliest on a tie)."""
    best = {}
    for (system, iteration), group in _groups(runs, lambda r: (r.system, r.iteration)).items():
        value = mean_sd([r.valid["value"] for r in group])[0]
        if system not in best or value > best[system][1]:
            best[system] = (iteration, value)
    return {system: iteration for system, (iteration, _) in best.items()}


def _groups(runs, key):
    groups = {}
    for run in runs:
        groups.setdefault(key(run), []).append(run)
    return groups


def _percent(value):
    return f"{100 * value:.2f}"


def _p(value):
    """4 significant digits: a pooled p can be far below the 1 / (R + 1) of a single seed."""
    return MISSING if value is None else f"{value:.4g}"


def _against(run, name):
    """(difference × 100, p) of the run against `name`; NA where there is no such comparison."""
    if name not in run.against:
        return [MISSING, MISSING]
    difference, p = run.against[name]
    return [_percent(difference), _p(p)]


def write_per_seed_table(runs, out_path):
    """Every seed's numbers, with its own validation pick and bootstrap results."""
    names, valid_name = list(runs[0].test["metrics"]), runs[0].valid["metric"]
    header = ["seed", "system", "iteration", f"valid_{valid_name}", *[f"test_{n}" for n in names], "test_n",
              "diff_vs_baseline", "p_vs_baseline", *[f"{kind}_vs_{c}" for c in CONTROLS for kind in ("diff", "p")],
              "picked"]
    picked = {seed: picked_iterations(group) for seed, group in _groups(runs, lambda r: r.seed).items()}
    with atomic_write(out_path) as out:
        out.write("\t".join(header) + "\n")
        for run in runs:
            out.write("\t".join([
                str(run.seed), run.system, str(run.iteration), _percent(run.valid["value"]),
                *[_percent(run.test["metrics"][n]) for n in names], str(run.test["n"]),
                *_against(run, "baseline"), *[cell for c in CONTROLS for cell in _against(run, c)],
                _yes(picked[run.seed][run.system] == run.iteration),
            ]) + "\n")


def _pooled(group, name):
    pvalues = [r.against[name][1] for r in group if name in r.against]
    return pooled_p(pvalues) if pvalues else None


def write_summary_table(runs, out_path):
    """One row per system and iteration over its seeds (see the module docstring)."""
    names, valid_name = list(runs[0].test["metrics"]), runs[0].valid["metric"]
    header = ["system", "iteration", "seeds", f"valid_{valid_name}"]
    for name in names:
        header += [f"test_{name}", f"test_{name}_mean", f"test_{name}_sd"]
    header += ["test_n", "p_vs_baseline", *[f"p_vs_{c}" for c in CONTROLS], "picked"]
    picked = picked_iterations(runs)
    with atomic_write(out_path) as out:
        out.write("\t".join(header) + "\n")
        for (system, iteration), group in _groups(runs, lambda r: (r.system, r.iteration)).items():
            row = [system, str(iteration), str(len(group)),
                   format_mean_sd(*_scaled(r.valid["value"] for r in group))]
            for name in names:
                mean, sd = _scaled(r.test["metrics"][name] for r in group)
                row += [format_mean_sd(mean, sd), f"{mean:.2f}", MISSING if math.isnan(sd) else f"{sd:.2f}"]
            row += [str(group[0].test["n"]), *[_p(_pooled(group, name)) for name in ("baseline", *CONTROLS)],
                    _yes(picked[system] == iteration)]
            out.write("\t".join(row) + "\n")


def _yes(flag):
    return "yes" if flag else "no"


def _scaled(values):
    return mean_sd([100 * v for v in values])


def write_classification_summary(runs, task, out_path, per_seed_path, resamples=DEFAULT_RESAMPLES,
                                 seed=DEFAULT_SEED):
    """runs: dicts (seed, system, iteration, valid, test, pred paths) → both tables."""
    loaded = compare_runs(load_runs(runs), task, resamples, seed)
    write_per_seed_table(loaded, per_seed_path)
    write_summary_table(loaded, out_path)
    return loaded
