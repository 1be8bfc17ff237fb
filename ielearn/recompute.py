"""Recompute an experiment's seed-level table and verdict from per-seed scores alone.

    python -m ielearn.recompute docs/results/gettext [--config config.yaml] [--out DIR]

reads <dir>/scores_per_seed.tsv (seed, system, iteration, valid, test; or valid_bleu, test_bleu
as the translation summary writes them; classification_scores_per_seed.tsv as the
classification summary writes it) of the experiment
named by the directory, takes its design from the config the run used (the experiment's and
its dataset's entries in <dir>/config.yaml where there is one, as docs/results/ keeps them,
over --config's), and writes summary.tsv, comparisons.tsv and
verdict.txt into <dir> (or --out) with the same statistics as the pipeline's summaries.
With the run's per-item records (items_per_seed.tsv.gz, or classification_items_per_seed.tsv.gz,
which the summaries write beside their tables) p and CI carry the seeds and the test items
as in the pipeline; without them the seed-to-seed noise only (ci_method 'seeds': the paired
t-test over seeds), and neither has the per-seed test-item diagnostics' exact draws unless
the records are there.
Where the folder keeps them (python -m ielearn.summarise_seeds writes them, merge_seeds
carries them), it also writes IMPACTX's agreement table from the unrounded per-seed rows
(classification_teacher_agreement_per_seed.tsv) and the simulability tables, comparisons and
verdict from every student's per-example agreement
(classification_simulability_students_per_seed.tsv.gz; the verdict's line on students that did
not learn from classification_simulability_fit.tsv), with the functions and the seed-level
inference of the pipeline's rules.
"""

import argparse
from pathlib import Path
from typing import NamedTuple

from ielearn.classify import summary as classify_summary
from ielearn.classify.config import classification_dataset, classification_settings
from ielearn.classify.impactx import agreement
from ielearn.classify.significance import task_scorer
from ielearn.classify.simulability_summary import (FIT_TABLE, STUDENTS, outputs_in, read_student_records,
                                                   write_simulability_tables)
from ielearn.classify.tasks import task_of
from ielearn.compute_table import read_compute_table
from ielearn.config import experiment_settings, validate_config
from ielearn.config_file import read_config_file
from ielearn.design import Arm, classification_design, translation_design, without_chain_controls
from ielearn.errors import exiting
from ielearn.inference.compare import ArmScore
from ielearn.inference.item_records import read_item_records
from ielearn.inference.scorers import BLEU
from ielearn.io import read_tsv
from ielearn.nmt import summary as nmt_summary
from ielearn.score_rows import check_scores, read_score_table, score_table
from ielearn.summary import write_summary_tables

ITEM_FILES = ("items_per_seed.tsv.gz", "classification_items_per_seed.tsv.gz")


class Experiment(NamedTuple):
    """What recompute needs of the experiment a folder holds: the summary's parameters."""
    design: object
    metric: str  # its name in the verdict
    scorer: object  # of its per-item records
    settings: dict  # its `significance` block
    compute_file: str  # the per-seed compute table its summary writes beside the scores
    averaged: list  # the compute fields its summary table shows as means over seeds


def experiment_of(config, name):
    """The experiment `name` of either half, as its own summary reads it."""
    classification = (config.get("classification") or {}).get("experiments", {})
    if name in classification:
        task, experiment = task_of(classification_dataset(config, name)), classification[name]
        return Experiment(classification_design(experiment), task.metric, task_scorer(task),
                          experiment.get("significance"), classify_summary.COMPUTE_FILE, classify_summary.MEAN_FIELDS)
    experiment = experiment_settings(config, name)
    return Experiment(translation_design(experiment), "BLEU", BLEU, experiment.get("significance"),
                      nmt_summary.COMPUTE_FILE, nmt_summary.MEAN_FIELDS)


def item_records(directory):
    """The run's per-item records, or {} where the folder keeps none."""
    found = [directory / name for name in ITEM_FILES if (directory / name).exists()]
    return read_item_records(found[0]) if found else {}


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


def write_seed_route_tables(config, name, directory, out):
    """IMPACTX's agreement table and the simulability tables, where `directory` keeps their
    per-seed files, in the seeds' order of the config (as the pipeline writes them)."""
    if name not in (config.get("classification") or {}).get("experiments", {}):
        return
    experiment = classification_settings(config, name)
    design = classification_design(experiment)
    if (directory / agreement.PER_SEED).exists():
        agreement.write_agreement_rows(out / agreement.TABLE,
                                       agreement.read_agreement_per_seed(directory / agreement.PER_SEED, design.seeds))
    if (directory / STUDENTS).exists():
        fit_table = directory / FIT_TABLE
        write_simulability_tables(read_student_records(directory / STUDENTS, design.seeds),
                                  design.simulability_comparisons(), list(experiment["seeds"]),
                                  outputs_in(out), experiment["significance"],
                                  read_tsv(fit_table) if fit_table.exists() else ())


def recompute(directory, config_path="config.yaml", out=None):
    directory = Path(directory)
    out = Path(out or directory)
    out.mkdir(parents=True, exist_ok=True)
    config = run_config(directory, config_path)
    design, metric, scorer, settings, compute_file, averaged = experiment_of(config, directory.name)
    records = item_records(directory)
    table = score_table(directory)
    rows = read_score_table(table)
    if design.chained_controls and not {row.system for row in rows} & set(design.chained_controls):
        # made before SCC's chain had its own controls: read as it ran, never against the baseline's
        design = without_chain_controls(design, (settings or {}).get("primary"))
    arms = []
    for row in check_scores(design, rows, table):
        arm = Arm(row.system, row.iteration)
        arms.append(ArmScore(row.seed, arm, row.valid, row.test, records.get((row.seed, arm))))
    compute = None
    if (directory / compute_file).exists():  # kept beside the scores: the table's compute columns too
        compute = (read_compute_table(directory / compute_file), None, averaged)
    outputs = {"table": out / "summary.tsv", "comparisons": out / "comparisons.tsv", "verdict": out / "verdict.txt"}
    write_seed_route_tables(config, directory.name, directory, out)
    return write_summary_tables(design, arms, outputs, scorer if records else None, settings, metric,
                                compute=compute)[1]


@exiting  # a UserError (a bad table or config) is one line, not a traceback
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="holds scores_per_seed.tsv; its name is the experiment's")
    parser.add_argument("--config", default="config.yaml",
                        help="the base config; <dir>/config.yaml's experiment and dataset entries replace its own")
    parser.add_argument("--out", help="where to write the tables (default: the directory itself)")
    args = parser.parse_args(argv)
    print(recompute(args.directory, args.config, args.out), end="")


if __name__ == "__main__":
    main()
