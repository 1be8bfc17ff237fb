# Config validation and the path helpers every rule uses.

import sys

from ielearn.config import control_depth, dataset_settings, experiment_settings, validate_config
from ielearn.errors import UserError

try:
    config.update(validate_config(config))
except UserError as error:
    sys.exit(f"ielearn: {error}")

SPLITS = ["train", "valid", "test"]
SIDES = ["src", "tgt"]


wildcard_constraints:
    exp=r"[^/]+",
    run=r"[^/]+(/control_(random|none))?",
    k=r"\d+",
    split="train|valid|test",
    side="src|tgt",


def experiment_of(run):
    """'demo' for both the run 'demo' and its control runs 'demo/control_random'."""
    return run.split("/")[0]


def settings(run):
    return experiment_settings(config, experiment_of(run))


def system_of(run):
    """What a run appends: the experiment's `append`, or the control named in the run."""
    _, _, control = run.partition("/control_")
    return control or settings(run)["append"]


def data(run):
    return f"results/{experiment_of(run)}/data"


def iteration(run, k):
    """Directory of bootstrap iteration k; every run shares its experiment's baseline."""
    k = int(k)
    return f"results/{experiment_of(run)}/iter_0" if k == 0 else f"results/{run}/iter_{k}"


def model_input(run, k, split):
    """Source text model k reads: plain BPE source for the baseline, x' afterwards."""
    if int(k) == 0:
        return f"{data(run)}/bpe/{split}.src"
    return f"{iteration(run, k)}/input/{split}.src"
