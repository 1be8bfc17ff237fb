"""Recompute an experiment's seed-level table and verdict from per-seed scores alone.

    python -m ielearn.recompute docs/results/gettext [--config config.yaml]

reads <dir>/scores_per_seed.tsv (seed, system, iteration, valid, test; or valid_bleu, test_bleu
as the translation summary writes them) of the experiment
named by the directory, takes its design from the config the run used (the experiment's and
its dataset's entries in <dir>/config.yaml where there is one, as docs/results/ keeps them,
over --config's), and writes <dir>/summary.tsv,
comparisons.tsv and verdict.txt with the same statistics as the pipeline's summaries. Without
per-item outputs the CI carries the seed-to-seed noise only (ci_method 'seeds') and there are
no per-seed test-item diagnostics.
"""

import argparse
from pathlib import Path

from ielearn.classify.config import classification_dataset
from ielearn.classify.tasks import task_of
from ielearn.config import experiment_settings, validate_config
from ielearn.config_file import read_config_file
from ielearn.design import Arm, classification_design, translation_design
from ielearn.errors import exiting
from ielearn.inference.compare import ArmScore
from ielearn.inference.tables import COMPARISON_COLUMNS, comparison_rows, write_tsv
from ielearn.io import atomic_write
from ielearn.nmt.summary import COLUMNS, summarise
from ielearn.score_rows import check_scores, read_score_table


def design_and_metric(config, name):
    classification = (config.get("classification") or {}).get("experiments", {})
    if name in classification:
        return classification_design(classification[name]), task_of(classification_dataset(config, name)).metric
    return translation_design(experiment_settings(config, name)), "BLEU"


# where a config names experiments and datasets; a run's recorded config keeps its own entries
ENTRY_SECTIONS = (("experiments",), ("datasets",), ("classification", "experiments"), ("classification", "datasets"))


def run_config(directory, config_path="config.yaml"):
    """The validated config of the run in `directory`: the config at `config_path`, with each
    experiment and dataset entry that <directory>/config.yaml records replaced by the recorded
    one (whole entries, so that keys added to config.yaml since the run are not read)."""
    config = read_config_file(config_path)
    recorded_path = Path(directory) / "config.yaml"
    if not recorded_path.exists():
        return validate_config(config, source=str(config_path))
    recorded = read_config_file(recorded_path)
    for *parents, section in ENTRY_SECTIONS:
        entries, target = recorded, config
        for key in parents:
            entries = entries.get(key) or {}
        if entries.get(section):  # a section the run did not record leaves config.yaml's as it is
            for key in parents:
                target = target.setdefault(key, {})
            target.setdefault(section, {}).update(entries[section])
    return validate_config(config, source=f"{config_path} with the entries of {recorded_path}")


def recompute(directory, config_path="config.yaml"):
    directory = Path(directory)
    design, metric = design_and_metric(run_config(directory, config_path), directory.name)
    table = directory / "scores_per_seed.tsv"
    arms = [ArmScore(r.seed, Arm(r.system, r.iteration), r.valid, r.test)
            for r in check_scores(design, read_score_table(table), table)]
    rows, inference, text = summarise(design, arms, metric=metric)
    write_tsv(directory / "summary.tsv", COLUMNS, rows)
    write_tsv(directory / "comparisons.tsv", COMPARISON_COLUMNS, comparison_rows(inference))
    with atomic_write(directory / "verdict.txt") as out:
        out.write(text)
    return text


@exiting  # a UserError (a bad table or config) is one line, not a traceback
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="holds scores_per_seed.tsv; its name is the experiment's")
    parser.add_argument("--config", default="config.yaml",
                        help="the base config; <dir>/config.yaml's experiment and dataset entries replace its own")
    args = parser.parse_args(argv)
    print(recompute(args.directory, args.config), end="")


if __name__ == "__main__":
    main()
