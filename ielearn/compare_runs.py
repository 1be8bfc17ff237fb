"""One arm of one run against one arm of another run on the same test set: a paired
comparison over the seeds both ran, with the project's inference and one of the four answers.

For a question that two experiments answer together: attention positions (η), for one, are
an experiment setting, so `gettext_positions`' attention/1 is compared with `gettext`'s
attention/1, seed by seed, where a seed trained the same baseline in both runs:

    python -m ielearn.compare_runs docs/results/gettext_positions attention/1 docs/results/gettext attention/1

Each folder is read as ielearn.recompute reads it (its name is the experiment's; the run's own
config.yaml; its per-seed score table and, where kept, its per-item records). With the item
records of both runs, and the same number of test items in each, the CI and p carry the
test-item noise too (seeds + items); otherwise the seed-to-seed noise only. The answer is the
comparison's alone, uncorrected: declare it before the runs, as a family of one.

A pair shares the model both arms start from only if the seed's baseline is the same in both
runs. A seed whose baselines score differently (a baseline trained under other settings, or
resumed by an ielearn before resuming was exact: docs/reproducibility.md) is left out, and
the answer says which seeds and why. `--any-baseline` keeps them, for two runs whose settings
change the baseline itself: then the pairing is by seed number only.
"""

import argparse
from pathlib import Path

from ielearn.design import Arm
from ielearn.errors import UserError, exiting
from ielearn.inference.answers import ALPHA, decide_alone
from ielearn.inference.compare import ArmScore, compare_arms
from ielearn.inference.power import seeds_needed
from ielearn.inference.settings import significance_settings
from ielearn.inference.verdict import describe_numbers
from ielearn.recompute import experiment_of, item_records, run_config
from ielearn.score_rows import read_score_table, score_table


def parse_arm(text):
    system, _, iteration = text.partition("/")
    if not system or not iteration.isdigit():
        raise UserError(f"{text!r} is not an arm: write system/iteration, e.g. attention/1")
    return Arm(system, int(iteration))


def run_arm(directory, arm, config_path="config.yaml"):
    """({seed: ArmScore} of `arm` in the run, its metric, its scorer, its significance block,
    {seed: (valid, test) of the run's baseline})."""
    directory = Path(directory)
    design, metric, scorer, settings, *_ = experiment_of(run_config(directory, config_path), directory.name)
    records = item_records(directory)
    rows = read_score_table(score_table(directory))
    scores = {row.seed: ArmScore(row.seed, arm, float(row.valid), float(row.test), records.get((row.seed, arm)))
              for row in rows if (row.system, int(row.iteration)) == (arm.system, arm.iteration)}
    if not scores:
        raise UserError(f"{directory}: no scores of {arm.label} in its score table")
    baselines = {row.seed: (float(row.valid), float(row.test)) for row in rows
                 if (row.system, int(row.iteration)) == (design.baseline.system, design.baseline.iteration)}
    return scores, metric, scorer, settings, baselines


def other_baselines(seeds, a_baselines, b_baselines):
    """{seed: why} for the seeds whose baseline is not the same model in both runs."""
    left_out = {}
    for seed in seeds:
        a, b = a_baselines.get(seed), b_baselines.get(seed)
        if a is None or b is None:
            left_out[seed] = "no baseline score in " + ("the first run" if a is None else "the second run")
        elif a != b:
            left_out[seed] = f"its baselines differ (valid {a[0]:g} vs {b[0]:g}, test {a[1]:g} vs {b[1]:g})"
    return left_out


def compare_runs(a_dir, a_arm, b_dir, b_arm, config_path="config.yaml", margin=None, any_baseline=False):
    """(Result, Decision, metric, {seed left out: why}) of a_arm in a_dir − b_arm in b_dir over
    their common seeds that trained the same baseline in both (any common seed with
    `any_baseline`); margin: the equivalence margin (default: the first run's)."""
    a, metric, scorer, settings, a_baselines = run_arm(a_dir, a_arm, config_path)
    b, other_metric, _, _, b_baselines = run_arm(b_dir, b_arm, config_path)
    if metric != other_metric:
        raise UserError(f"{a_dir} is scored in {metric}, {b_dir} in {other_metric}: not comparable")
    common = sorted(set(a) & set(b))
    if not common:
        raise UserError(f"{a_dir} ({sorted(a)}) and {b_dir} ({sorted(b)}) have no seed in common")
    left_out = {} if any_baseline else other_baselines(common, a_baselines, b_baselines)
    seeds = [s for s in common if s not in left_out]
    if not seeds:
        raise UserError(f"{a_dir} and {b_dir}: no common seed trained the same baseline in both "
                        f"({'; '.join(f'seed {s}: {why}' for s, why in left_out.items())}); "
                        "--any-baseline pairs them by seed number only")
    with_items = all(a[s].items is not None and b[s].items is not None for s in seeds)
    for s in seeds if with_items else ():
        if len(a[s].items) != len(b[s].items):
            raise UserError(f"seed {s}: {a_dir} has {len(a[s].items)} test items, {b_dir} {len(b[s].items)}: "
                            "not the same test set")
    settings = significance_settings(settings)
    result = compare_arms({s: a[s] for s in seeds}, {s: b[s] for s in seeds}, scorer if with_items else None,
                          settings)
    decision = decide_alone(result.seed_level, settings.margin if margin is None else margin)
    return result, decision, metric, left_out


def describe_runs(a_dir, a_arm, b_dir, b_arm, config_path="config.yaml", margin=None, any_baseline=False):
    result, decision, metric, left_out = compare_runs(a_dir, a_arm, b_dir, b_arm, config_path, margin,
                                                      any_baseline)
    level = result.seed_level
    line = (f"{Path(a_dir).name} {a_arm.label} − {Path(b_dir).name} {b_arm.label}, test {metric}, "
            f"{level.seeds} seed(s), {level.ci_method or 'no CI'}: "
            + describe_numbers(level.mean, level.ci_low, level.ci_high, level.p, level.note, decision.words()))
    return line + power_line(level, decision) + "".join(f"\nseed {seed} left out: {why}" for seed, why in left_out.items())


def power_line(level, decision):
    """'MDE ...; a true Δ of <margin> needs N seeds' (as ielearn.power plans), or '' untested."""
    if not level.tested:
        return ""
    needed = seeds_needed(level.spread, decision.margin, ALPHA)
    plan = (f"{needed} seeds" if needed is not None else
            "more seeds than any run: the test-item noise caps the power; a larger test set would help")
    return f"\nMDE {decision.mde:.2f} (80 % power, {level.seeds} seeds); a true Δ of {decision.margin:g}: {plan}"


@exiting  # a bad folder, arm or config is one line, not a traceback
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="a results folder (results/<exp> or docs/results/<exp>)")
    parser.add_argument("arm", help="system/iteration in that run, e.g. attention/1")
    parser.add_argument("other_run")
    parser.add_argument("other_arm")
    parser.add_argument("--config", default="config.yaml", help="the base config (as ielearn.recompute)")
    parser.add_argument("--margin", type=float, help="the equivalence margin (default: the first run's)")
    parser.add_argument("--any-baseline", action="store_true",
                        help="pair seeds whose baselines differ between the runs (by seed number only)")
    args = parser.parse_args(argv)
    print(describe_runs(args.run, parse_arm(args.arm), args.other_run, parse_arm(args.other_arm), args.config,
                        args.margin, args.any_baseline))


if __name__ == "__main__":
    main()
