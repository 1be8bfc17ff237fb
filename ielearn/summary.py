"""The per-experiment table over seeds and a plain-words verdict on whether the words helped.

Every seed is a full replicate (baseline, bootstrap, controls). For each system and iteration
the table gives valid and test BLEU as mean and sample sd over seeds, and the sacrebleu paired
tests (bootstrap `bs`, approximate randomization `ar`) against the baseline and against each
control at the same iteration, each seed's p-value pooled over seeds with Fisher's method.
"""

import json
import math

from ielearn.aggregate import format_mean_sd, mean_sd, pooled_p
from ielearn.io import atomic_write, read_tsv

CONTROLS = ("random", "none")
P_COLUMNS = [f"p_{against}_{test}" for against in ("baseline", *CONTROLS) for test in ("bs", "ar")]
COLUMNS = ["system", "iteration", "seeds", "valid_mean", "valid_sd", "test_mean", "test_sd",
           "picked_by_valid", *P_COLUMNS]
PER_SEED_COLUMNS = ["seed", "system", "iteration", "valid_bleu", "test_bleu"]
SIGNIFICANCE_LEVEL = 0.05


def read_score(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["score"]


def label(system, k):
    """How significance files name a system at an iteration: 'attention/2'."""
    return f"{system}/{k}"


def per_seed_scores(runs):
    """runs: [(seed, system, iteration, valid bleu path, test bleu path)] → one dict each."""
    return [
        {"seed": seed, "system": system, "iteration": k,
         "valid_bleu": read_score(valid), "test_bleu": read_score(test)}
        for seed, system, k, valid, test in runs
    ]


def _against_column(against):
    system, k = against.rsplit("/", 1)
    return "baseline" if k == "0" else system


def pooled_p_values(significance_rows):
    """{(system label, column prefix): {test: pooled p}} from every seed's significance rows."""
    collected = {}
    for row in significance_rows:
        key = (row["system"], _against_column(row["against"]))
        for test in ("bs", "ar"):
            collected.setdefault(key, {}).setdefault(test, []).append(float(row[f"p_{test}"]))
    return {key: {test: pooled_p(ps) for test, ps in tests.items()} for key, tests in collected.items()}


def summary_rows(scores, significance_rows=()):
    """Aggregate per-seed scores into one row per (system, iteration), in first-seen order.

    For each system the iteration with the best mean *validation* BLEU is marked as picked
    (ties go to the earliest), as the paper picks its bootstrap iteration.
    """
    groups = {}
    for score in scores:
        groups.setdefault((score["system"], score["iteration"]), []).append(score)
    pooled = pooled_p_values(significance_rows)
    rows = []
    for (system, k), group in groups.items():
        valid_mean, valid_sd = mean_sd(s["valid_bleu"] for s in group)
        test_mean, test_sd = mean_sd(s["test_bleu"] for s in group)
        row = {"system": system, "iteration": k, "seeds": len(group), "valid_mean": valid_mean,
               "valid_sd": valid_sd, "test_mean": test_mean, "test_sd": test_sd}
        for against in ("baseline", *CONTROLS):
            for test in ("bs", "ar"):
                row[f"p_{against}_{test}"] = pooled.get((label(system, k), against), {}).get(test, math.nan)
        rows.append(row)
    for system in dict.fromkeys(row["system"] for row in rows):
        candidates = [row for row in rows if row["system"] == system]
        best = max(candidates, key=lambda row: (row["valid_mean"], -row["iteration"]))
        for row in candidates:
            row["picked_by_valid"] = "*" if row is best else ""
    return rows


def _bleu(row):
    return format_mean_sd(row["test_mean"], row["test_sd"])


def _p(value):
    return "n/a" if math.isnan(value) else f"{value:.3g}"


def verdict(rows, signature=None):
    """Say in words what the table shows: the validation-picked iteration of the main system
    (the first row's) against the baseline and against each control at the same iteration."""
    baseline, main = rows[0], rows[0]["system"]
    seeds = baseline["seeds"]
    lines = [f"{seeds} seed(s); test BLEU is mean ± sd over seeds; p: sacrebleu paired bootstrap, "
             f"pooled over seeds (Fisher); significant means p < {SIGNIFICANCE_LEVEL}",
             f"baseline (iteration 0): test BLEU {_bleu(baseline)}"]
    if signature:
        lines.append(f"sacrebleu signature: {signature}")
    picked = next(row for row in rows if row["system"] == main and row["picked_by_valid"])
    if picked["iteration"] == 0:
        lines.append(f"verdict: validation picks the baseline; fine-tuning with {main} words "
                     "did not improve validation BLEU")
        return "\n".join(lines) + "\n"
    k = picked["iteration"]
    delta = picked["test_mean"] - baseline["test_mean"]
    p_base = picked["p_baseline_bs"]
    lines.append(f"{main}, iteration {k} (picked by validation BLEU): test BLEU {_bleu(picked)} "
                 f"({delta:+.2f} vs baseline, p = {_p(p_base)})")
    same_k = {row["system"]: row for row in rows if row["iteration"] == k and row["system"] in CONTROLS}
    weak_controls = []
    for system, row in same_k.items():
        gap = picked["test_mean"] - row["test_mean"]
        p_control = picked[f"p_{system}_bs"]
        lines.append(f"  against the {system} control at iteration {k}: {_bleu(row)} "
                     f"({gap:+.2f}, p = {_p(p_control)})")
        if gap <= 0 or not p_control < SIGNIFICANCE_LEVEL:
            weak_controls.append(system)
    if delta <= 0:
        outcome = f"{main} words did NOT improve test BLEU over the baseline"
    elif not p_base < SIGNIFICANCE_LEVEL:
        outcome = (f"{main} words moved test BLEU by {delta:+.2f}, which is not significant "
                   f"(p = {_p(p_base)}): no evidence that they help")
    elif weak_controls:
        outcome = (f"{main} words beat the baseline but not clearly the "
                   f"{', '.join(weak_controls)} control(s) at the same budget: the gain cannot "
                   "be credited to the explanations")
    else:
        outcome = f"{main} words beat the baseline and every control significantly"
    if seeds == 1:
        outcome += " (one seed: seed-to-seed noise is not measured; list more `seeds`)"
    lines.append(f"verdict: {outcome}")
    return "\n".join(lines) + "\n"


def _cell(column, value):
    """BLEU to 2 decimals, p-values to 4 significant digits, unknown (nan) as empty."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.4g}" if column.startswith("p_") else f"{value:.2f}"
    return str(value)


def write_tsv(path, columns, rows):
    with atomic_write(path) as out:
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(_cell(column, row[column]) for column in columns) + "\n")


def write_summary(runs, significance_paths, table_path, per_seed_path, verdict_path):
    """runs: [(seed, system, k, valid .bleu, test .bleu)]; significance_paths: one TSV per seed."""
    scores = per_seed_scores(runs)
    significance_rows = [row for path in significance_paths for row in read_tsv(path)]
    rows = summary_rows(scores, significance_rows)
    write_tsv(table_path, COLUMNS, rows)
    write_tsv(per_seed_path, PER_SEED_COLUMNS, scores)
    signature = significance_rows[0]["signature_bs"] if significance_rows else None
    text = verdict(rows, signature)
    with atomic_write(verdict_path) as out:
        out.write(text)
    return text
