"""Translation's bootstrap rules (rules/nmt.smk): a model is named by {exp}, {seed_dir} (the
replicate) and {system_dir} (the main system '', a control 'control_<c>/' or a noise run
'noise_<r>/'); ielearn/layout.py computes its paths."""

from ielearn.config import experiment_settings
from ielearn.design import translation_design
from ielearn.layout import data_dir, iteration_dir, seed_of_dir, system_of_dir
from ielearn.nmt.train import fairseq_task, training_plan
from ielearn.sweep import candidate_dir, candidate_rate, sweep_rates
from ielearn.workflow.params import rule_params
from ielearn.workflow.patterns import DECODE_KINDS, SPLITS

MODEL = "results/{exp}/{seed_dir}{system_dir}iter_{k}"  # a model's directory, as a pattern


def settings(wildcards, config):
    return experiment_settings(config, wildcards.exp)


def here(wildcards, k=None):
    """Directory of the wildcards' model, or of model k of the same system."""
    w = wildcards
    return iteration_dir(w.exp, w.seed_dir, w.system_dir, w.k if k is None else k)


def run_seed(wildcards, config):
    return seed_of_dir(settings(wildcards, config), wildcards.seed_dir, wildcards.exp)


@rule_params
def get_setting(wildcards, config, key):
    """One setting of the translation experiment (`key`: max_len, generate, ...)."""
    return settings(wildcards, config)[key]


def get_system(wildcards, config):
    """What the system appends: the experiment's `append`, a control, or (noise run) `append`."""
    design = translation_design(settings(wildcards, config))
    return system_of_dir(design, wildcards.system_dir)[0]


def get_noise(wildcards, config):
    """Share of appended words randomised: a noise run's r, else the experiment's `noise`."""
    design = translation_design(settings(wildcards, config))
    percent = system_of_dir(design, wildcards.system_dir)[1]
    return settings(wildcards, config)["noise"] if percent is None else percent / 100


def model_input(wildcards, k, split):
    """Source text model k reads: plain BPE source for the baseline, x' afterwards."""
    if int(k) == 0:
        return f"{data_dir(wildcards.exp)}/bpe/{split}.src"
    return f"{here(wildcards, k)}/input/{split}.src"


@rule_params
def get_training_plan(wildcards, config):
    """fairseq flags of a training; a sweep candidate ('lr_<i>/') takes its rate from the list."""
    experiment = settings(wildcards, config)
    stage = "train" if int(wildcards.k) == 0 else "finetune"
    where = f"experiments.{wildcards.exp}.{stage}.lr"
    lr = candidate_rate(experiment[stage]["lr"], wildcards.sweep, where)
    return training_plan(
        {**experiment[stage], "lr": lr},
        experiment["arch"],
        experiment["model"],
        run_seed(wildcards, config),
        positions=experiment["positions"],
    )


def get_fairseq_task(wildcards, config):
    return fairseq_task(settings(wildcards, config)["positions"])


def get_previous_model(wildcards, config):
    k = int(wildcards.k)
    return [] if k == 0 else f"{here(wildcards, k - 1)}/model/best.pt"


def get_previous_positions(wildcards, config):
    previous = here(wildcards, int(wildcards.k) - 1)
    return [f"{previous}/decode/{split}.pos" for split in SPLITS]


def get_bpe_sources(wildcards, config):
    return [f"{data_dir(wildcards.exp)}/bpe/{split}.src" for split in SPLITS]


def get_bpe_targets(wildcards, config):
    return [f"{data_dir(wildcards.exp)}/bpe/{split}.tgt" for split in SPLITS]


def get_dictionaries(wildcards, config):
    return f"{data_dir(wildcards.exp)}/dict"


def get_model_inputs(wildcards, config):
    return [model_input(wildcards, wildcards.k, split) for split in SPLITS]


def get_model_origins(wildcards, config):
    """The enrich stage's .origin files (source position ids); none for the baseline."""
    if int(wildcards.k) == 0:
        return []
    return [f"{here(wildcards)}/input/{split}.origin" for split in SPLITS]


def get_decode_inputs(wildcards, config, splits, candidate=False):
    """A decode job's inputs: the binarised data and model (`candidate`: the sweep candidate
    wildcards.sweep names, 'lr_<i>/') and, with generate.backend ctranslate2, its converted
    copy; per split of `splits` the text the model reads, the BPE source x and (k >= 1) the
    origins of x' in x."""
    k, this = int(wildcards.k), here(wildcards)
    sweep = wildcards.sweep if candidate else ""
    converted = settings(wildcards, config)["generate"]["backend"] == "ctranslate2"
    return {
        "data": f"{this}/bin",
        "model": f"{this}/{sweep}model/best.pt",
        "converted": [f"{this}/{sweep}ctranslate2"] if converted else [],
        "text": [model_input(wildcards, k, split) for split in splits],
        "source": [f"{data_dir(wildcards.exp)}/bpe/{split}.src" for split in splits],
        "origin": [f"{this}/input/{split}.origin" for split in splits] if k else [],
    }


def decode_outputs(splits, candidate=False):
    """A decode job's .hyp/.pos/.words per split (`candidate`: a sweep candidate's), as
    patterns of the rule's wildcards."""
    sweep = "{sweep}" if candidate else ""
    return [f"{MODEL}/{sweep}decode/{split}.{kind}" for split in splits for kind in DECODE_KINDS]


def get_faithfulness_inputs(wildcards, config):
    """Model k, the test input it read (binarised and its origins in x), x, and its decode."""
    k, this = int(wildcards.k), here(wildcards)
    return {
        "data": f"{this}/bin",
        "model": f"{this}/model/best.pt",
        "source": f"{data_dir(wildcards.exp)}/bpe/test.src",
        "origin": [f"{this}/input/test.origin"] if k else [],
        "hyp": f"{this}/decode/test.hyp",
        "pos": f"{this}/decode/test.pos",
    }


def get_faithfulness_seed(wildcards, config):
    return f"{run_seed(wildcards, config)}-{wildcards.k}"


def get_max_tokens(wildcards, config):
    return settings(wildcards, config)["generate"]["max_tokens"]


def get_score_inputs(wildcards, config):
    this, data = here(wildcards), data_dir(wildcards.exp)
    return {
        "valid": f"{this}/decode/valid.txt",
        "test": f"{this}/decode/test.txt",
        "valid_ref": f"{data}/raw/valid.tgt",
        "test_ref": f"{data}/raw/test.tgt",
    }


def get_valid_reference(wildcards, config):
    return f"{data_dir(wildcards.exp)}/raw/valid.tgt"


def get_noise_seeds(wildcards, config):
    """The seed of each split's random draws (noise and the random control), in SPLITS order."""
    return [f"{run_seed(wildcards, config)}-{wildcards.k}-{split}" for split in SPLITS]


# --- a fine-tune learning-rate sweep (ielearn/sweep.py) -----------------------------------


def swept_experiments(config):
    """Translation experiments whose fine-tunes sweep rates: pick_lr writes their
    iter_<k>/model (k >= 1)."""
    return [name for name, experiment in config["experiments"].items() if sweep_rates(experiment["finetune"]["lr"])]


@rule_params
def get_finetune_rates(wildcards, config):
    return settings(wildcards, config)["finetune"]["lr"]


def get_candidate_files(wildcards, config, path):
    """`path` (below iter_<k>/lr_<i>/) of every candidate of the sweep."""
    rates = get_finetune_rates(wildcards, config)
    return [f"{here(wildcards)}/{candidate_dir(i)}{path}" for i in range(len(rates))]
