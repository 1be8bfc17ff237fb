"""The comparison tables both summaries write: one row per comparison (seed level), and one
row per comparison and seed (the test-item diagnostics)."""

import math

from ielearn.io import atomic_write

COMPARISON_COLUMNS = ["system", "iteration", "against", "against_iteration", "why", "seeds", "delta",
                      "ci_low", "ci_high", "ci_method", "direction", "p_t", "p_holm", "note"]
PER_SEED_COLUMNS = ["seed", "system", "iteration", "against", "against_iteration", "delta", "direction",
                    "p_ar", "p_ar_holm"]


def direction(delta):
    return "higher" if delta > 0 else "lower" if delta < 0 else "equal"


def comparison_rows(inference):
    rows = []
    for result in inference.results:
        c, level = result.comparison, result.seed_level
        rows.append({"system": c.arm.system, "iteration": c.arm.iteration, "against": c.against.system,
                     "against_iteration": c.against.iteration, "why": c.why, "seeds": level.seeds,
                     "delta": level.mean, "ci_low": level.ci_low, "ci_high": level.ci_high,
                     "ci_method": level.ci_method, "direction": direction(level.mean), "p_t": level.p,
                     "p_holm": result.p_holm, "note": level.note})
    return rows


def per_seed_rows(inference):
    return [{"seed": d.seed, "system": r.comparison.arm.system, "iteration": r.comparison.arm.iteration,
             "against": r.comparison.against.system, "against_iteration": r.comparison.against.iteration,
             "delta": d.delta, "direction": direction(d.delta), "p_ar": d.p, "p_ar_holm": d.p_holm}
            for r in inference.results for d in r.per_seed]


def cell(column, value):
    """Scores and differences to 2 decimals, p-values to 4 significant digits, nan empty."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.4g}" if column.startswith("p_") else f"{value:.2f}"
    return str(value)


def write_tsv(path, columns, rows):
    with atomic_write(path) as out:
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(cell(column, row[column]) for column in columns) + "\n")


def write_comparisons(inference, path, per_seed_path):
    write_tsv(path, COMPARISON_COLUMNS, comparison_rows(inference))
    write_tsv(per_seed_path, PER_SEED_COLUMNS, per_seed_rows(inference))
