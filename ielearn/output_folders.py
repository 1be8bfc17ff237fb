"""A plain file where the workflow writes a folder: one line naming it and the fix.

Snakemake lists the folders of the outputs while it builds the DAG (a dry run too), so a file
named like one of them (`results/demo` left by a script, a download saved as `resources`)
ends in its NotADirectoryError traceback before any job runs. The Snakefile checks the
folders it knows of first: results/, resources/, every experiment's replicates and each arm's
model folder (ielearn/layout.py), and the folders of the targets on the command line.
"""

from pathlib import Path

from ielearn.classify.config import classification_experiments, classification_settings
from ielearn.config import experiment_settings
from ielearn.design import classification_design, translation_design
from ielearn.errors import UserError
from ielearn.layout import arm_dir, replicate_dirs

ROOTS = ("results", "resources")


def output_folders(config, targets=()):
    """The folders the workflow writes that a user's file could stand in for; `targets`: the
    command line's words (those that are paths name their folders)."""
    folders = [*ROOTS]
    experiments = [(name, experiment_settings(config, name), translation_design)
                   for name in config.get("experiments") or {}]
    experiments += [(name, classification_settings(config, name), classification_design)
                    for name in classification_experiments(config)]
    for name, experiment, design_of in experiments:
        design = design_of(experiment)
        for _, seed_dir in replicate_dirs(experiment):
            folders += [arm_dir(name, design, seed_dir, arm) for arm in design.arms()]
    folders += [str(Path(word).parent) for word in targets if "/" in word and not word.startswith("-")]
    return list(dict.fromkeys(folders))


def check_output_folders(folders):
    """UserError naming the first of `folders` (or of their parents) that is not a folder."""
    for folder in folders:
        path = Path(folder)
        for part in [*reversed(path.parents[:-1]), path]:  # results, results/demo, ...
            if part.exists() and not part.is_dir():
                raise UserError(f"{part} is a file, but the workflow writes a folder there; "
                                "move the file away (or delete it) and rerun")
