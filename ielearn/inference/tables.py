"""The comparison tables both summaries write: one row per comparison (seed level), and one
row per comparison and seed (the test-item diagnostics).

A comparison row: its family (primary or exploratory), Δ with its SE, degrees of freedom and
95 % CI (which excludes 0 exactly when p_t < 0.05), the variance parts the power command
reads (s2_seeds, var_items_shared, var_items_resid, items), p_t and the Holm-corrected p
within the family with the Holm-consistent interval (sim_ci_*), the equivalence tests
(p_tost, p_tost_holm, margin), the minimum detectable effect at 80 % power and the answer
(gain shown, loss shown, equivalent, inconclusive, no test)."""

import math

from ielearn.io import atomic_write

COMPARISON_COLUMNS = ["system", "iteration", "against", "against_iteration", "why", "family", "seeds", "delta",
                      "se", "df", "ci_low", "ci_high", "ci_method", "direction", "p_t", "p_holm", "sim_ci_low",
                      "sim_ci_high", "margin", "p_tost", "p_tost_holm", "mde", "answer", "s2_seeds",
                      "var_items_shared", "var_items_resid", "items", "note"]
PER_SEED_COLUMNS = ["seed", "system", "iteration", "against", "against_iteration", "delta", "direction",
                    "p_ar", "p_ar_holm"]


def direction(delta):
    return "higher" if delta > 0 else "lower" if delta < 0 else "equal"


def _spread_cells(spread):
    if spread is None:
        return {"s2_seeds": math.nan, "var_items_shared": math.nan, "var_items_resid": math.nan, "items": ""}
    return {"s2_seeds": spread.s2, "var_items_shared": spread.shared, "var_items_resid": spread.resid,
            "items": spread.items}


def comparison_rows(inference):
    rows = []
    for result in inference.results:
        c, level, decision = result.comparison, result.seed_level, result.decision
        rows.append({"system": c.arm.system, "iteration": c.arm.iteration, "against": c.against.system,
                     "against_iteration": c.against.iteration, "why": c.why, "family": decision.family,
                     "seeds": level.seeds, "delta": level.mean, "se": level.se, "df": level.df,
                     "ci_low": level.ci_low, "ci_high": level.ci_high, "ci_method": level.ci_method,
                     "direction": direction(level.mean), "p_t": level.p, "p_holm": result.p_holm,
                     "sim_ci_low": decision.interval[0], "sim_ci_high": decision.interval[1],
                     "margin": decision.margin, "p_tost": decision.p_tost, "p_tost_holm": decision.p_tost_holm,
                     "mde": decision.mde, "answer": decision.answer, **_spread_cells(level.spread),
                     "note": level.note})
    return rows


def per_seed_rows(inference):
    return [{"seed": d.seed, "system": r.comparison.arm.system, "iteration": r.comparison.arm.iteration,
             "against": r.comparison.against.system, "against_iteration": r.comparison.against.iteration,
             "delta": d.delta, "direction": direction(d.delta), "p_ar": d.p, "p_ar_holm": d.p_holm}
            for r in inference.results for d in r.per_seed]


# columns kept to 6 significant digits: the variance parts and df, which the power command reads
PRECISE = ("df", "se", "s2_seeds", "var_items_shared", "var_items_resid")


def cell(column, value):
    """Scores and differences to 2 decimals, p-values to 4 significant digits, the variance
    parts to 6, nan empty."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if column in PRECISE:
            return f"{value:.6g}"
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
