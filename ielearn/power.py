"""How many seeds would settle each primary comparison: a pilot run's variances, projected.

    python -m ielearn.power results/<exp> --target 1.0 [--power 0.8] [--all]

reads the experiment's comparison table in that folder (comparisons.tsv of translation,
classification_comparisons.tsv of classification; the pipeline's or ielearn.recompute's),
and for each primary comparison (every comparison with --all) prints the seeds it ran, its
minimum detectable effect now (80 % power), and the fewest seeds that find a true Δ of
--target with that power at Holm's first level within its family (α / m): the seed part of
the variance shrinks as 1/n, the test-item part every seed shares does not, so where that
part alone caps the power no number of seeds will do and the line says so (a larger test
set would). The variances are estimates from the run itself: the answer is a plan.
"""

import argparse
import math
from pathlib import Path

from ielearn.errors import UserError
from ielearn.inference.answers import ALPHA
from ielearn.inference.power import POWER, minimum_detectable_effect, power_ceiling, seeds_needed
from ielearn.inference.seed_tests import Spread
from ielearn.io import read_tsv

TABLES = ("comparisons.tsv", "classification_comparisons.tsv")
SPREAD_COLUMNS = ("s2_seeds", "var_items_shared", "var_items_resid", "items")


def comparison_table(directory):
    directory = Path(directory)
    for name in TABLES:
        if (directory / name).exists():
            return directory / name
    raise UserError(f"{directory}: no {' or '.join(TABLES)} here; run the experiment's summary (or "
                    "python -m ielearn.recompute) first")


def spread_of(row, path):
    missing = [c for c in SPREAD_COLUMNS if c not in row]
    if missing:
        raise UserError(f"{path}: no column {', '.join(missing)} (a table of an older ielearn); recompute it with "
                        "python -m ielearn.recompute, or rerun the summary")
    if row["s2_seeds"] == "":
        return None  # one seed, or no test
    return Spread(float(row["s2_seeds"]), float(row["var_items_shared"] or 0), float(row["var_items_resid"] or 0),
                  int(row["items"] or 0))


def plan(directory, target, power=POWER, everything=False):
    """Lines of the plan (see the module docstring)."""
    path = comparison_table(directory)
    rows = read_tsv(path)
    families = {}
    for row in rows:
        families.setdefault(row.get("family", ""), []).append(row)
    chosen = rows if everything else families.get("primary", [])
    if not chosen:
        raise UserError(f"{path}: no primary comparison in the table (a table of an older ielearn?); "
                        "recompute it, or pass --all")
    lines = [f"{path}: seeds for a true Δ of {target:g} at {power:.0%} power (two-sided, Holm's first level "
             "α/m within each family)"]
    for row in chosen:
        spread = spread_of(row, path)
        name = f"{row['system']}/{row['iteration']} vs {row['against']}/{row['against_iteration']} ({row['family']})"
        if spread is None:
            lines.append(f"  {name}: {row['seeds']} seed(s), no variance to plan from ({row.get('note', '')})")
            continue
        alpha = ALPHA / sum(r["p_t"] != "" for r in families[row["family"]])  # Holm's first level
        seeds = int(row["seeds"])
        mde = minimum_detectable_effect(spread, seeds, alpha, power)
        needed = seeds_needed(spread, target, alpha, power)
        if needed is None:
            verdict = (f"no number of seeds: the test-item noise all seeds share caps the power at "
                       f"{power_ceiling(spread, target, alpha):.0%}; a larger test set would help")
        else:
            verdict = f"{needed} seeds"
        items = f", {spread.items} test items" if spread.items else ", seeds only"
        lines.append(f"  {name}: ran {seeds} seeds{items}; sd of Δ over seeds {math.sqrt(spread.s2):.2f}; "
                     f"MDE now {mde:.2f}; for Δ = {target:g}: {verdict}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="an experiment's results folder (results/<exp> or docs/results/<exp>)")
    parser.add_argument("--target", type=float, required=True, help="the true Δ to find, in the metric's units")
    parser.add_argument("--power", type=float, default=POWER, help="the power to reach (default 0.8)")
    parser.add_argument("--all", action="store_true", help="plan every comparison, not only the primary ones")
    args = parser.parse_args(argv)
    if args.target <= 0 or not 0 < args.power < 1:
        parser.error("--target must be > 0 and --power in (0, 1)")
    try:
        print("\n".join(plan(args.directory, args.target, args.power, args.all)))
    except UserError as error:
        raise SystemExit(f"ielearn.power: {error}") from None


if __name__ == "__main__":
    main()
