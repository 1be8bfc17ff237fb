"""The classification DAG on the synthetic toy task with a tiny random BERT: the end-to-end
tests' configurations, and their one Snakemake run (conftest.py's session fixture `toy_runs`).

Both experiments run in one Snakemake call in one directory, so that the two cores work on
one experiment while the other waits on a training: `toy_cls` (attention, LIME and SHAP, one
seed) and `toy_seeds` (attention only, two seeds, both controls)."""

import copy

from conftest import TINY_CONFIG, run_snakemake, write_config
from tiny_bert import make_tiny_bert

TARGETS = ("results/toy_cls/classification.tsv", "results/toy_seeds/report/sections.txt")


def tiny_classification(model_dir):
    return {
        "datasets": {"toy": {"source": "synthetic", "seed": 2, "sizes": {"train": 24, "valid": 8, "test": 10}}},
        "experiments": {"toy_cls": {
            "dataset": "toy", "model": str(model_dir),
            "train": {"epochs": 1, "batch_size": 8, "max_length": 16, "lr": 1e-3},
            "lime": {"num_samples": 30, "batch_size": 32}, "shap": {"max_evals": 20, "batch_size": 32},
            "bootstrap": 1,  # one shard: each job pays a torch import; the DAG test uses 3
        }},
    }


def seeds_classification(model_dir):
    """toy_cls's task, with attention only, two seeds and both controls."""
    classification = tiny_classification(model_dir)
    experiment = classification["experiments"].pop("toy_cls")
    experiment.update(explainers=["attention"], seeds=[1, 2], controls=["random", "none"])
    classification["experiments"]["toy_seeds"] = experiment
    return classification


def both_experiments(model_dir):
    classification = tiny_classification(model_dir)
    classification["experiments"].update(seeds_classification(model_dir)["experiments"])
    return classification


def run_toy(workdir):
    """Build the tiny BERT, write the config of both experiments, make TARGETS and toy_seeds'
    report.html (`snakemake --report`)."""
    model = make_tiny_bert(workdir / "tiny_bert")
    write_config(workdir, {**copy.deepcopy(TINY_CONFIG), "classification": both_experiments(model)})
    run_snakemake(workdir, *TARGETS)
    run_snakemake(workdir, "--report", "results/toy_seeds/report.html", TARGETS[1])
    return workdir
