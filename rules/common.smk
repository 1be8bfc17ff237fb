# Config validation, the wildcards of the results layout (ielearn/layout.py, docs/layout.md)
# and the helpers every rules file uses.

import re
import sys

from ielearn.classify.config import classification_experiments
from ielearn.config import dataset_settings, experiment_settings, validate_config
from ielearn.nmt.corpus.wheels import wheel_dir
from ielearn.errors import UserError
from ielearn.layout import SEED_DIR, SYSTEM_DIR
from ielearn.output_folders import check_output_folders, output_folders
from ielearn.sweep import candidate_rate

try:
    config.update(validate_config(config))
    # a file named like an output folder: one line, not Snakemake's NotADirectoryError (the
    # targets are not known to the Snakefile yet: the command line's words stand in for them)
    check_output_folders(output_folders(config, sys.argv[1:]))
except UserError as error:
    sys.exit(f"ielearn: {error}")

# Used with `--sdm conda`; by default jobs run in the environment snakemake runs in.
CONDA_ENV = "../envs/ielearn.yaml"
SPLITS = ["train", "valid", "test"]
EVAL_SPLITS = ["valid", "test"]  # decoded, detokenized and scored together
SIDES = ["src", "tgt"]
DECODE_KINDS = ["hyp", "pos", "words"]  # what decoding writes per split
CANDIDATE = r"lr_\d+/"  # a learning-rate sweep's candidate directory (ielearn/sweep.py)


# Every model lives at results/{exp}/{seed_dir}{system_dir}iter_{k}/ (ielearn/layout.py).
wildcard_constraints:
    exp=r"[^/]+",
    seed_dir=SEED_DIR,
    system_dir=SYSTEM_DIR,
    k=r"\d+",
    split="train|valid|test|pool",  # pool: classification's unused examples (simulability)
    side="src|tgt",
    sweep=rf"({CANDIDATE})?",
    shard=r"\d+",


def exp_setting(key):
    return lambda wildcards: experiment_settings(config, wildcards.exp)[key]


def all_targets():
    """The default target: every experiment of both halves, with its report's sections."""
    names = [*config["experiments"], *classification_experiments(config)]
    return [f"results/{exp}/report/sections.txt" for exp in names]


# --- data and preprocessing (translation) --------------------------------------------------


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


def names_pattern(names):
    """Regex of exactly these experiment names (a rule-level constraint; nothing for none)."""
    return "|".join(re.escape(name) for name in names) or "(?!)"
