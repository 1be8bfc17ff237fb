"""Translation's data and preprocessing rules (rules/data.smk, rules/preprocess.smk): the
corpus step's inputs, each side's language, the settings of the length filter and BPE."""

from ielearn.config import dataset_settings, experiment_settings
from ielearn.nmt.corpus.wheels import wheel_dir
from ielearn.nmt.preprocess.lengths import line_limit, reported_file
from ielearn.workflow.params import rule_params
from ielearn.workflow.patterns import SIDES, SPLITS

OFFICIAL_CORPORA = ("iwslt17", "wmt14")  # downloaded into resources/<name> (rules/data.smk)


def get_corpus_files(wildcards, config):
    """Inputs of the corpus step: a `files` dataset's raw files (so that editing them reruns
    what depends on them), a gettext dataset's wheels, or an official corpus's directory.
    """
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] == "files":
        return [dataset[split][side] for split in SPLITS for side in SIDES]
    if dataset["source"] == "gettext":
        return [wheel_dir(pin) for pin in dataset["packages"]]
    if dataset["source"] in OFFICIAL_CORPORA:
        return [f"resources/{dataset['source']}"]
    return []


@rule_params
def get_corpus_resources(wildcards, config):
    """The corpus function's `resources`: [(pin, wheel dir)] or the corpus directory."""
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] == "gettext":
        return [(pin, wheel_dir(pin)) for pin in dataset["packages"]]
    if dataset["source"] in OFFICIAL_CORPORA:
        return get_corpus_files(wildcards, config)[0]
    return None


@rule_params
def get_dataset(wildcards, config):
    """The translation dataset's settings."""
    return dataset_settings(config, wildcards.exp)


def get_side_language(wildcards, config):
    dataset = dataset_settings(config, wildcards.exp)
    return dataset["src_lang"] if wildcards.side == "src" else dataset["tgt_lang"]


def get_target_language(wildcards, config):
    return dataset_settings(config, wildcards.exp)["tgt_lang"]


def get_tokenized_or_cleaned(wildcards, config):
    """Train goes through the length filter; valid and test never lose a line."""
    stage = "clean" if wildcards.split == "train" else "tok"
    return f"results/{wildcards.exp}/data/{stage}/{wildcards.split}.{wildcards.side}"


def get_bpe_line_limit(wildcards, config):
    return line_limit(experiment_settings(config, wildcards.exp), wildcards.split, wildcards.side)


def get_bpe_reported_file(wildcards, config):
    return reported_file(dataset_settings(config, wildcards.exp), wildcards)
