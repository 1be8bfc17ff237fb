"""The seed-level tests, simulated: false-positive rates, CI exclusion, equivalence, power and
the family-wise error, with ielearn's own functions (docs/statistics.md quotes this output).

    .venv/bin/python bench/inference_calibration.py [--replicates 2000] [--items 300]

Simulated accuracy (0/1 per test item) of two arms in each seed: item difficulty shared by
everything, a seed effect shared by both arms of a seed, each fine-tune's own seed noise,
and optionally a per-item arm difference (sd `item sd`, the same in every seed, mean 0 over
the population of items). Three candidate procedures for p (and the CI):
- seeds only: the paired t-test over seeds (n − 1 degrees of freedom);
- seeds + items, n − 1 df: SE² with the shared item variance, the t quantile on n − 1 df;
- seeds + items, Satterthwaite (ielearn's): SE² the same, Satterthwaite's df.
Then for ielearn's: the rate at which the CI excludes 0 (the same as p < 0.05 by
construction), the TOST error when the true Δ is on the margin, power at one sd of Δ_s
(simulated against ielearn.inference.power's prediction), and the chance that a true gain of
about one sd of Δ_s survives correction when it is one of 15 comparisons against one of a
primary family of 2 or 6.
"""

import argparse
import math

import numpy as np
import scipy

from ielearn.inference.answers import decide_family, tost_p
from ielearn.inference.holm import holm
from ielearn.inference.power import power
from ielearn.inference.scorers import ACCURACY, accuracy_items
from ielearn.inference.seed_tests import Spread, item_spread, seed_level

ALPHA = 0.05


def simulated(rng, seeds, items, shift=0.0, item_sd=0.0, arm_sd=0.02):
    """(a, b): 0/1 per seed and item; arm_sd: each fine-tune's own seed noise."""
    difficulty = rng.uniform(0.5, 0.95, size=items)
    effect = rng.normal(0, item_sd, size=items) if item_sd else np.zeros(items)
    seed_effect = rng.normal(0, 0.04, size=(seeds, 1))
    arm_seed = rng.normal(0, arm_sd, size=(2, seeds, 1))
    p_a = np.clip(difficulty + effect / 2 + seed_effect + arm_seed[0] + shift, 0, 1)
    p_b = np.clip(difficulty - effect / 2 + seed_effect + arm_seed[1], 0, 1)
    return (rng.random((seeds, items)) < p_a).astype(float), (rng.random((seeds, items)) < p_b).astype(float)


def three_ways(a, b):
    """p of the three candidate procedures on one replicate."""
    deltas = 100 * (a.mean(1) - b.mean(1))
    n = len(deltas)
    spread = item_spread(ACCURACY, deltas, [accuracy_items(x) for x in a], [accuracy_items(x) for x in b])
    ours = seed_level(deltas, spread)
    seeds_only = seed_level(deltas)
    se = math.sqrt(spread.s2 / n + spread.shared)
    fixed_df = float(2 * scipy.stats.t.sf(abs(ours.mean) / se, n - 1)) if se > 0 else math.nan
    return seeds_only.p, fixed_df, ours.p, ours


def grid():
    """(seeds, per-item sd, its generator) of every cell of the false-positive tables."""
    for seeds in (2, 3, 5, 10):
        for item_sd in (0.0, 0.2, 0.4):
            yield seeds, item_sd, np.random.default_rng(1000 * seeds + int(10 * item_sd))


def setting(replicates, items):
    return (f"{replicates} replicates, {items} test items; a correct test lies in "
            f"[{band(replicates)[0]:.3f}, {band(replicates)[1]:.3f}] with probability 0.998")


def false_positive_table(replicates, items):
    print(f"False-positive rate at α = 0.05 ({setting(replicates, items)})")
    print("seeds  per-item sd  seeds only  seeds+items (n-1 df)  seeds+items (Satterthwaite)  CI excludes 0")
    for seeds, item_sd, rng in grid():
        counts, excluded = np.zeros(3), 0
        for _ in range(replicates):
            p_seeds, p_fixed, p_ours, level = three_ways(*simulated(rng, seeds, items, item_sd=item_sd))
            counts += np.array([p_seeds, p_fixed, p_ours]) < ALPHA
            excluded += level.tested and not level.ci_low <= 0 <= level.ci_high
        rates = counts / replicates
        print(f"{seeds:5d}  {item_sd:11.1f}  {rates[0]:10.3f}  {rates[1]:20.3f}  {rates[2]:27.3f}  "
              f"{excluded / replicates:13.3f}")


def band(replicates):
    return (scipy.stats.binom.ppf(0.001, replicates, ALPHA) / replicates,
            scipy.stats.binom.isf(0.001, replicates, ALPHA) / replicates)


def tost_and_power(replicates):
    rng = np.random.default_rng(5)
    print("\nTwo one-sided tests, true Δ on the margin (1.0), sd of Δ_s 0.4: rate of declaring equivalence")
    for seeds in (3, 5, 10):
        rate = np.mean([tost_p(seed_level(rng.normal(1.0, 0.4, size=seeds)), 1.0) < ALPHA
                        for _ in range(replicates)])
        print(f"  {seeds} seeds: {rate:.3f}")
    print("\nPower at a true Δ of one sd of Δ_s (two-sided t over seeds, α = 0.05): predicted / simulated")
    for seeds in (3, 5, 10, 20):
        predicted = power(Spread(1.0), seeds, 1.0, ALPHA)
        simulated_rate = np.mean([seed_level(rng.normal(1.0, 1.0, size=seeds)).p < ALPHA for _ in range(replicates)])
        print(f"  {seeds} seeds: {predicted:.3f} / {simulated_rate:.3f}")


def family_power(replicates):
    """A true gain of one sd of Δ_s in one comparison, the others null: found after Holm over a
    table of 15, over a primary family of 6 or 2."""
    rng = np.random.default_rng(9)
    print("\nA true gain of one sd of Δ_s among nulls: how often Holm finds it (and FWE of the all-null family)")
    print("seeds  table of 15  primary of 6  primary of 2  FWE primary of 6 (all null)")
    for seeds in (3, 5, 10, 20):
        found = np.zeros(3)
        errors = 0
        for _ in range(replicates):
            deltas = rng.normal(0, 1, size=(15, seeds))
            deltas[0] += 1.0
            pvalues = [seed_level(d).p for d in deltas]
            found += [holm(pvalues)[0] < ALPHA, holm(pvalues[:6])[0] < ALPHA, holm(pvalues[:2])[0] < ALPHA]
            nulls = [seed_level(d) for d in rng.normal(0, 1, size=(6, seeds))]
            errors += any(d.p_holm < ALPHA for d in decide_family(nulls, "primary"))
        rates = found / replicates
        print(f"{seeds:5d}  {rates[0]:11.3f}  {rates[1]:12.3f}  {rates[2]:12.3f}  {errors / replicates:27.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=2000)
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()
    false_positive_table(args.replicates, args.items)
    tost_and_power(args.replicates)
    family_power(args.replicates)


if __name__ == "__main__":
    main()
