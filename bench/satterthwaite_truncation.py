"""Why the seed part of SE² is not truncated: ielearn's seeds + items procedure against the
alternative that floors the seed part at the seed × item noise, simulated.

    .venv/bin/python bench/satterthwaite_truncation.py [--replicates 2000] [--items 300]

The variance of Δ_s over seeds, s², estimates the seed variance of Δ plus the seed × item
noise (`resid`), so s² < resid says the seed variance is estimated below 0. `shared` is
floored at 0 that way already; flooring the seed part too (SE² = max(s², resid)/n + shared,
whose degrees of freedom are then those of one mean square: N − 1, or (n − 1)(N − 1) where
shared is 0) would end the intervals that Satterthwaite's degrees of freedom make very wide
when s² is small and `shared` small but noisy (below 1 degree of freedom: the committed demo's
exploratory attention/10 − baseline, df 0.22). This prints, on the simulation of
bench/inference_calibration.py with each fine-tune's own seed noise (arm sd) from 0 to twice
its default, the false-positive rate at α = 0.05 of both, how often s² < resid, and the median
and largest half-width of ielearn's 95 % interval (inf: no test, Δ the same in every seed) and
the alternative's median.
"""

import argparse
import math

import numpy as np
import scipy

from inference_calibration import ALPHA, grid, setting, simulated
from ielearn.inference.scorers import ACCURACY, accuracy_items
from ielearn.inference.seed_tests import item_spread, seed_level


def floored(spread, seeds, mean):
    """(p, half-width) with the seed part floored at resid; None where it is not floored."""
    if spread.items < 2 or spread.s2 >= spread.resid:
        return None
    se = math.sqrt(spread.resid / seeds + spread.shared)
    df = spread.items - 1 if spread.shared > 0 else (seeds - 1) * (spread.items - 1)
    return float(2 * scipy.stats.t.sf(abs(mean) / se, df)), float(scipy.stats.t.isf(ALPHA / 2, df)) * se


def table(replicates, items, arm_sd):
    print(f"\narm sd {arm_sd} ({setting(replicates, items)})")
    print("seeds  per-item sd  ielearn  floored  share s²<resid  half-width: ielearn median  largest  floored median")
    for seeds, item_sd, rng in grid():
        ours = alternative = below = 0
        ours_widths, alternative_widths = [], []
        for _ in range(replicates):
            a, b = simulated(rng, seeds, items, item_sd=item_sd, arm_sd=arm_sd)
            deltas = 100 * (a.mean(1) - b.mean(1))
            spread = item_spread(ACCURACY, deltas, [accuracy_items(x) for x in a], [accuracy_items(x) for x in b])
            level = seed_level(deltas, spread)
            width = level.ci_high - level.mean if level.tested else math.inf
            ours += level.tested and level.p < ALPHA
            ours_widths.append(width)
            other = floored(spread, seeds, level.mean)
            below += other is not None
            p, other_width = other if other else (level.p, width)
            alternative += p < ALPHA
            alternative_widths.append(other_width)
        print(f"{seeds:5d}  {item_sd:11.1f}  {ours / replicates:7.3f}  {alternative / replicates:7.3f}  "
              f"{below / replicates:14.3f}  {np.median(ours_widths):25.2f}  {max(ours_widths):7.3g}  "
              f"{np.median(alternative_widths):14.2f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=2000)
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()
    for arm_sd in (0.0, 0.02, 0.04):
        table(args.replicates, args.items, arm_sd)


if __name__ == "__main__":
    main()
