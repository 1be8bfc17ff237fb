"""Checks and defaults of config.yaml's `classification` section beyond the JSON schema."""

from ielearn import systems
from ielearn.classify.backends import KEY as BACKEND_KEY, check_installed
from ielearn.classify.simulability.config_check import check_simulability
from ielearn.errors import UserError
from ielearn.finetune_only import CONTINUE_LR, check_trains_once
from ielearn.sweep import single_rate

# The paper's GLUE fine-tuning (BERT's recipe): 3 epochs, lr 5e-5, dropout 0.1, Adam (0.9, 0.999).
# Every training keeps its best epoch on valid and stops after `patience` epochs without
# a better one; `epochs` is the cap (ielearn/classify/train.py).
CLS_TRAIN_DEFAULTS = {
    "epochs": 3,
    "patience": 2,
    "lr": 5e-5,
    "dropout": 0.1,
    "adam_betas": [0.9, 0.999],
    "weight_decay": 0.0,
    "warmup_ratio": 0.0,
    "batch_size": 32,
    "max_length": 128,
    "seed": 1,
}


# Every fine-tune by default (docs/classification.md, "Training"): `lr: continue`, a constant
# rate, the one the model it starts from was last updated at, as translation's fine-tunes; a
# number under `finetune` restarts at that peak instead. Measured on trec (4 seeds,
# docs/measurements/finetune_lr.txt): `none` − baseline −0.30 [−2.57, +1.97] with continue,
# −0.75 [−2.67, +1.17] restarting; neither shown to lose or shown equivalent within ±1, so the
# principle (no arm pushed back to the peak, the same regime as translation) decides.
# matched_updates N (0 = off) gives every arm exactly N updates.
CLS_FINETUNE_DEFAULTS = {"lr": CONTINUE_LR, "matched_updates": 0}


def check_trained_methods(experiment, dataset, where):
    """Each trained method's own checks of its settings section (its registry entry's `check`)."""
    for name in systems.names(systems.TRAINED_METHOD):
        method = systems.system(name)
        if method.settings in experiment and method.check:
            method.load("check")(experiment, dataset, where, method)


def check_classification(config, source="config.yaml"):
    """Fill training defaults; unknown datasets and names shared with translation are errors."""
    section = config.get("classification")
    if not section:
        return config
    for name, experiment in section["experiments"].items():
        where = f"{source}: classification.experiments.{name}"
        if experiment["dataset"] not in section["datasets"]:
            known = ", ".join(sorted(section["datasets"]))
            raise UserError(f"{where}.dataset: unknown dataset '{experiment['dataset']}' (known: {known})")
        if name in config["experiments"]:
            raise UserError(f"{where}: the name is also a translation experiment; both would write "
                            f"results/{name}/ — rename one")
        check_installed(experiment[BACKEND_KEY], f"{where}.{BACKEND_KEY}")
        check_trains_once(experiment["train"], f"{where}.train")
        experiment["train"] = {**CLS_TRAIN_DEFAULTS, **experiment["train"]}
        check_trained_methods(experiment, section["datasets"][experiment["dataset"]], where)
        check_simulability(experiment, section["datasets"][experiment["dataset"]], experiment["dataset"], where)
        experiment["finetune"] = {**experiment["train"], **CLS_FINETUNE_DEFAULTS, **experiment["finetune"]}
        experiment["finetune"]["lr"] = single_rate(experiment["finetune"]["lr"])
        experiment.setdefault("seeds", [experiment["train"]["seed"]])
        lowest = experiment["seed"] + min(experiment["seeds"]) - experiment["seeds"][0]
        if lowest < 0:  # replicate s explains with seed + (s - first seed); numpy refuses < 0
            raise UserError(f"{where}.seed: replicate {min(experiment['seeds'])} would seed LIME "
                            f"with {lowest}; raise `seed` to at least {experiment['seed'] - lowest}")
    return config


def replicate_settings(experiment, seed):
    """Training, fine-tuning, trained methods' (SCC's: `scc_train`) and explainer settings of
    replicate `seed`: the seed replaces train.seed, finetune.seed and each trained method's
    train.seed; the explainers' seed moves by as much as the replicate's."""
    sections = [systems.system(name).settings for name in systems.names(systems.TRAINED_METHOD)]
    return {
        "train": {**experiment["train"], "seed": seed},
        "finetune": {**experiment["finetune"], "seed": seed},
        **{training_key(section): {**experiment[section]["train"], "seed": seed}
           for section in sections if section in experiment},
        "explainer_seed": experiment["seed"] + seed - experiment["seeds"][0],
    }


def training_key(section):
    """The key of a trained method's training in replicate_settings ('scc_train')."""
    return f"{section}_train"


def classification_settings(config, name):
    experiments = (config.get("classification") or {}).get("experiments", {})
    if name not in experiments:
        known = ", ".join(sorted(experiments)) or "none"
        raise UserError(f"unknown classification experiment '{name}' (config.yaml defines: {known})")
    return experiments[name]


def classification_dataset(config, name):
    return config["classification"]["datasets"][classification_settings(config, name)["dataset"]]


def classification_experiments(config):
    return list((config.get("classification") or {}).get("experiments", {}))
