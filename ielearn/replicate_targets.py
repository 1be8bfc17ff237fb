"""The files that finish one replicate seed of an experiment, for running seeds one at a time.

Snakemake, asked for a summary over ten seeds, interleaves them (ten baselines first), so a
run cut off after three hours may have no seed finished. Asking for one seed's files at a
time leaves whole seeds behind, which `ielearn.merge_seeds` can then add to a committed
folder:

    for seed in 4 5 6; do
        snakemake --cores 2 $(python -m ielearn.replicate_targets trec $seed)
    done

Plain Python: no torch, no Snakemake.
"""

import argparse

from ielearn.classify.config import classification_experiments, classification_settings
from ielearn.classify.simulability import measure
from ielearn.config import load_config
from ielearn.errors import UserError, exiting
from ielearn.layout import (agreement_files, agreement_runs, classification_arm_files, quality_curves_file,
                            simulability_student_runs, translation_arm_files)
from ielearn.recompute import experiment_of


def replicate_targets(config, name, seed):
    """Every score (valid and test) of every arm of `seed`, and (classification) the files of
    the explanation-quality, agreement and simulability tables where the experiment has them:
    what the summaries read of it."""
    design = experiment_of(config, name).design
    if seed not in design.seeds:
        raise UserError(f"seed {seed} is not one of {name}'s seeds {list(design.seeds)} "
                        f"(config.yaml, the experiment's `seeds`): add it there first")
    classification = name in classification_experiments(config)
    arm_files = classification_arm_files if classification else translation_arm_files
    files = [arm_files(name, design, seed, arm) for arm in design.arms()]
    targets = [path for arm in files for path in (arm["valid"], arm["test"])]
    if classification:
        targets += classification_measure_targets(classification_settings(config, name), name, design, seed)
    return targets


def classification_measure_targets(experiment, name, design, seed):
    """The files of `seed` that the quality, agreement (IMPACTX) and simulability tables read,
    where the experiment has them (ielearn.summarise_seeds writes those tables from them)."""
    targets = []
    if experiment["quality"]["enabled"]:
        targets += [quality_curves_file(name, design, seed, system, k) for system, k in design.quality_runs()]
    maps = agreement_files(name, design, agreement_runs(experiment, design, [seed]))
    targets += list(dict.fromkeys(maps["students"] + maps["teachers"]))
    if measure.enabled(experiment):
        targets += simulability_student_runs(name, design, [seed])[1]
    return targets


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment")
    parser.add_argument("seed", type=int)
    parser.add_argument("--config", default="config.yaml")
    args = parser.parse_args(argv)
    print("\n".join(_targets(args.config, args.experiment, args.seed)))


@exiting  # a bad config or seed is one line, not a traceback
def _targets(config_path, name, seed):
    return replicate_targets(load_config(config_path), name, seed)


if __name__ == "__main__":
    main()
