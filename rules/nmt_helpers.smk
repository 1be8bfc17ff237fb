# Helpers of rules/nmt.smk: the translation bootstrap's input functions and settings. A model
# is named by {exp}, {seed_dir} (the replicate) and {system_dir} (the main system '', a
# control 'control_<c>/' or a noise run 'noise_<r>/'); ielearn/layout.py computes its paths.

from ielearn.design import seeds_of, translation_design
from ielearn.layout import (
    data_dir,
    iteration_dir,
    seed_of_dir,
    system_of_dir,
    translation_noise_dir,
)
from ielearn.nmt.train import fairseq_task, training_plan
from ielearn.sweep import candidate_dir, sweep_rates


def settings(wildcards):
    return experiment_settings(config, wildcards.exp)


def here(wildcards, k=None):
    """Directory of the wildcards' model, or of model k of the same system."""
    w = wildcards
    return iteration_dir(w.exp, w.seed_dir, w.system_dir, w.k if k is None else k)


def run_seed(wildcards):
    return seed_of_dir(settings(wildcards), wildcards.seed_dir, wildcards.exp)


def run_system(wildcards):
    """What the system appends: the experiment's `append`, a control, or (noise run) `append`."""
    design = translation_design(settings(wildcards))
    return system_of_dir(design, wildcards.system_dir)[0]


def run_noise(wildcards):
    """Share of appended words randomised: a noise run's r, else the experiment's `noise`."""
    design = translation_design(settings(wildcards))
    percent = system_of_dir(design, wildcards.system_dir)[1]
    return settings(wildcards)["noise"] if percent is None else percent / 100


def run_setting(key):
    return lambda wildcards: settings(wildcards)[key]


def data(wildcards):
    return data_dir(wildcards.exp)


def model_input(wildcards, k, split):
    """Source text model k reads: plain BPE source for the baseline, x' afterwards."""
    if int(k) == 0:
        return f"{data(wildcards)}/bpe/{split}.src"
    return f"{here(wildcards, k)}/input/{split}.src"


def training_settings(wildcards):
    """fairseq flags of a training; a sweep candidate ('lr_<i>/') takes its rate from the list."""
    experiment = settings(wildcards)
    stage = "train" if int(wildcards.k) == 0 else "finetune"
    where = f"experiments.{wildcards.exp}.{stage}.lr"
    lr = candidate_rate(experiment[stage]["lr"], wildcards.sweep, where)
    return training_plan(
        {**experiment[stage], "lr": lr},
        experiment["arch"],
        experiment["model"],
        run_seed(wildcards),
        positions=experiment["positions"],
    )


def fairseq_task_of_run(wildcards):
    return fairseq_task(settings(wildcards)["positions"])


def previous_model(wildcards):
    k = int(wildcards.k)
    return [] if k == 0 else f"{here(wildcards, k - 1)}/model/best.pt"


def previous_positions(wildcards):
    previous = here(wildcards, int(wildcards.k) - 1)
    return [f"{previous}/decode/{split}.pos" for split in SPLITS]


def bpe_sources(wildcards):
    return [f"{data(wildcards)}/bpe/{split}.src" for split in SPLITS]


def all_model_inputs(wildcards):
    return [model_input(wildcards, wildcards.k, split) for split in SPLITS]


def all_model_origins(wildcards):
    """The enrich stage's .origin files (source position ids); none for the baseline."""
    if int(wildcards.k) == 0:
        return []
    return [f"{here(wildcards)}/input/{split}.origin" for split in SPLITS]


def all_bpe_targets(wildcards):
    return [f"{data(wildcards)}/bpe/{split}.tgt" for split in SPLITS]


def decode_inputs(splits, candidate=False):
    """A decode job's inputs: the binarised data and model (`candidate`: the sweep candidate
    wildcards.sweep names, 'lr_<i>/') and, with generate.backend ctranslate2, its converted
    copy; per split of `splits` the text the model reads, the BPE source x and (k >= 1) the
    origins of x' in x."""

    def inputs(wildcards):
        k, this = int(wildcards.k), here(wildcards)
        sweep = wildcards.sweep if candidate else ""
        converted = settings(wildcards)["generate"]["backend"] == "ctranslate2"
        return {
            "data": f"{this}/bin",
            "model": f"{this}/{sweep}model/best.pt",
            "converted": [f"{this}/{sweep}ctranslate2"] if converted else [],
            "text": [model_input(wildcards, k, split) for split in splits],
            "source": [f"{data(wildcards)}/bpe/{split}.src" for split in splits],
            "origin": [f"{this}/input/{split}.origin" for split in splits] if k else [],
        }

    return inputs


def decode_outputs(splits, candidate=False):
    """A decode job's .hyp/.pos/.words per split (`candidate`: a sweep candidate's)."""
    here = "results/{{exp}}/{{seed_dir}}{{system_dir}}iter_{{k}}"
    pattern = (
        f"{here}/{{{{sweep}}}}decode/{{split}}.{{kind}}"
        if candidate
        else f"{here}/decode/{{split}}.{{kind}}"
    )
    return expand(pattern, split=splits, kind=DECODE_KINDS)


def faithfulness_inputs(wildcards):
    """Model k, the test input it read (binarised and its origins in x), x, and its decode."""
    k, this = int(wildcards.k), here(wildcards)
    return {
        "data": f"{this}/bin",
        "model": f"{this}/model/best.pt",
        "source": f"{data(wildcards)}/bpe/test.src",
        "origin": [f"{this}/input/test.origin"] if k else [],
        "hyp": f"{this}/decode/test.hyp",
        "pos": f"{this}/decode/test.pos",
    }


def score_inputs(wildcards):
    this = here(wildcards)
    return {
        "valid": f"{this}/decode/valid.txt",
        "test": f"{this}/decode/test.txt",
        "valid_ref": f"{data(wildcards)}/raw/valid.tgt",
        "test_ref": f"{data(wildcards)}/raw/test.tgt",
    }


# --- a fine-tune learning-rate sweep (ielearn/sweep.py) -----------------------------------

# experiments whose fine-tunes sweep rates: pick_lr writes their iter_<k>/model (k >= 1)
SWEPT_EXPERIMENTS = [
    name
    for name, experiment in config["experiments"].items()
    if sweep_rates(experiment["finetune"]["lr"])
]


def finetune_rates(wildcards):
    return settings(wildcards)["finetune"]["lr"]


def candidate_files(path):
    """Input function: `path` (below iter_<k>/lr_<i>/) of every candidate of the sweep."""

    def files(wildcards):
        rates = finetune_rates(wildcards)
        return [
            f"{here(wildcards)}/{candidate_dir(i)}{path}" for i in range(len(rates))
        ]

    return files


def target_language(wildcards):
    return dataset_settings(config, wildcards.exp)["tgt_lang"]


def noise_seeds(wildcards):
    """The seed of each split's random draws (noise and the random control), in SPLITS order."""
    return [f"{run_seed(wildcards)}-{wildcards.k}-{split}" for split in SPLITS]
