# Config validation and every helper the rules use (paths, settings, input functions).

import sys

from ielearn.config import (
    control_depth,
    dataset_settings,
    experiment_settings,
    validate_config,
)
from ielearn.corpus.wheels import wheel_dir
from ielearn.errors import UserError
from ielearn.nmt.train import fairseq_task, training_args

try:
    config.update(validate_config(config))
except UserError as error:
    sys.exit(f"ielearn: {error}")

# Used with `--sdm conda`; by default jobs run in the environment snakemake runs in.
CONDA_ENV = "../envs/ielearn.yaml"
SPLITS = ["train", "valid", "test"]
SIDES = ["src", "tgt"]


wildcard_constraints:
    exp=r"[^/]+",
    run=r"[^/]+(/control_(random|none))?",
    k=r"\d+",
    split="train|valid|test",
    side="src|tgt",


# --- experiments and runs -------------------------------------------------------------
# A run is an experiment ('demo') or one of its controls ('demo/control_random').


def experiment_of(run):
    return run.split("/")[0]


def settings(run):
    return experiment_settings(config, experiment_of(run))


def system_of(run):
    """What a run appends: the experiment's `append`, or the control named in the run."""
    parts = run.split("/")
    return parts[1].removeprefix("control_") if len(parts) > 1 else settings(run)["append"]


def data(run):
    return f"results/{experiment_of(run)}/data"


def iteration(run, k):
    """Directory of bootstrap iteration k; every run shares its experiment's baseline."""
    k = int(k)
    return (
        f"results/{experiment_of(run)}/iter_0" if k == 0 else f"results/{run}/iter_{k}"
    )


def model_input(run, k, split):
    """Source text model k reads: plain BPE source for the baseline, x' afterwards."""
    if int(k) == 0:
        return f"{data(run)}/bpe/{split}.src"
    return f"{iteration(run, k)}/input/{split}.src"


# --- data and preprocessing -------------------------------------------------------------


def corpus_files(wildcards):
    """Inputs of the corpus step: a `files` dataset's raw files (so that editing them reruns
    what depends on them), a gettext dataset's wheels, or an official corpus's directory.
    """
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] == "files":
        return [dataset[split][side] for split in SPLITS for side in SIDES]
    if dataset["source"] == "gettext":
        return [wheel_dir(pin) for pin in dataset["packages"]]
    if dataset["source"] in ("iwslt17", "wmt14"):
        return [f"resources/{dataset['source']}"]
    return []


def corpus_resources(wildcards):
    """The corpus function's `resources`: [(pin, wheel dir)] or the corpus directory."""
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] == "gettext":
        return [(pin, wheel_dir(pin)) for pin in dataset["packages"]]
    if dataset["source"] in ("iwslt17", "wmt14"):
        return corpus_files(wildcards)[0]
    return None


def side_language(wildcards):
    dataset = dataset_settings(config, wildcards.exp)
    return dataset["src_lang"] if wildcards.side == "src" else dataset["tgt_lang"]


def tokenized_or_cleaned(wildcards):
    """Train goes through the length filter; valid and test never lose a line."""
    stage = "clean" if wildcards.split == "train" else "tok"
    return f"results/{wildcards.exp}/data/{stage}/{wildcards.split}.{wildcards.side}"


def exp_setting(key):
    return lambda wildcards: experiment_settings(config, wildcards.exp)[key]


# --- the bootstrap loop -----------------------------------------------------------------


def run_setting(key):
    return lambda wildcards: settings(wildcards.run)[key]


def training_settings(wildcards):
    experiment = settings(wildcards.run)
    stage = "train" if int(wildcards.k) == 0 else "finetune"
    return training_args(
        experiment["arch"],
        experiment["model"],
        experiment[stage],
        experiment["seed"],
        positions=experiment["positions"],
    )


def fairseq_task_of_run(wildcards):
    return fairseq_task(settings(wildcards.run)["positions"])


def previous_model(wildcards):
    k = int(wildcards.k)
    return [] if k == 0 else f"{iteration(wildcards.run, k - 1)}/model/best.pt"


def previous_positions(wildcards):
    previous = iteration(wildcards.run, int(wildcards.k) - 1)
    return f"{previous}/decode/{wildcards.split}.pos"


def bpe_source(wildcards):
    return f"{data(wildcards.run)}/bpe/{wildcards.split}.src"


def all_model_inputs(wildcards):
    return [model_input(wildcards.run, wildcards.k, split) for split in SPLITS]


def all_model_origins(wildcards):
    """The enrich stage's .origin files (source position ids); none for the baseline."""
    if int(wildcards.k) == 0:
        return []
    here = iteration(wildcards.run, wildcards.k)
    return [f"{here}/input/{split}.origin" for split in SPLITS]


def all_bpe_targets(wildcards):
    return [f"{data(wildcards.run)}/bpe/{split}.tgt" for split in SPLITS]


def decode_inputs(wildcards):
    here = iteration(wildcards.run, wildcards.k)
    inputs = {
        "data": f"{here}/bin",
        "model": f"{here}/model/best.pt",
        "text": model_input(wildcards.run, wildcards.k, wildcards.split),
        "source": bpe_source(wildcards),
    }
    if int(wildcards.k) > 0:
        inputs["origin"] = f"{here}/input/{wildcards.split}.origin"
    return inputs


def score_inputs(wildcards):
    here = iteration(wildcards.run, wildcards.k)
    return {
        "valid": f"{here}/decode/valid.txt",
        "test": f"{here}/decode/test.txt",
        "valid_ref": f"{data(wildcards.run)}/raw/valid.tgt",
        "test_ref": f"{data(wildcards.run)}/raw/test.tgt",
    }


def target_language(wildcards):
    return dataset_settings(config, experiment_of(wildcards.run))["tgt_lang"]


def noise_seed(wildcards):
    return f"{settings(wildcards.run)['seed']}-{wildcards.k}-{wildcards.split}"


# --- the summary ------------------------------------------------------------------------


def summary_runs(wildcards):
    """(system, iteration, valid bleu, test bleu) for the experiment and its controls."""
    exp = wildcards.exp
    experiment = experiment_settings(config, exp)
    runs = [
        (
            experiment["append"],
            k,
            f"{iteration(exp, k)}/valid.bleu",
            f"results/{exp}/bootstrap_{k}.bleu",
        )
        for k in range(experiment["bootstrap"] + 1)
    ]
    for control in experiment["controls"]:
        if control == experiment["append"]:
            continue
        run = f"{exp}/control_{control}"
        runs += [
            (
                control,
                k,
                f"{iteration(run, k)}/valid.bleu",
                f"results/{run}/bootstrap_{k}.bleu",
            )
            for k in range(1, control_depth(experiment) + 1)
        ]
    return runs


def summary_inputs(wildcards):
    return [path for run in summary_runs(wildcards) for path in run[2:]]
