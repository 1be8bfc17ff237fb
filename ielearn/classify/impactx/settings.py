"""IMPACTX's section of a classification experiment in config.yaml: its training's defaults
and the checks beyond the schema (the `check` hook of its registry entry, ielearn/systems.py).
Plain Python: no torch."""

from ielearn import systems
from ielearn.classify.tasks import task_of
from ielearn.errors import UserError
from ielearn.finetune_only import check_trains_once


def teachers():
    """The explainers that explain the baseline itself, whose iteration-1 extraction (on the
    baseline's chain) writes the per-word scores IMPACTX learns: not a trained method's
    explainer, which explains its own model."""
    return [name for name in systems.names(systems.EXPLAINER)
            if systems.system(name).ranker and not systems.is_kind(name, systems.TRAINED_METHOD)]


def check_impactx(experiment, dataset, where, system):
    """IMPACTX's training is the baseline's (the same schedule, stopping and selection on
    valid, the same max_length, so the teacher's score rows cover the words it reads) but for
    what its `train` sets; its teacher explains the baseline; λ >= 0; it needs classes."""
    key, section = system.settings, experiment[system.settings]
    if section["teacher"] not in teachers():
        raise UserError(f"{where}.{key}.teacher: unknown teacher explainer '{section['teacher']}'; choose one of "
                        f"{', '.join(teachers())}: its extraction on the baseline (iteration 1) writes the per-word "
                        "scores IMPACTX learns, whether or not the experiment lists it in explainers")
    if section["lambda"] < 0:
        raise UserError(f"{where}.{key}.lambda: {section['lambda']} is negative; λ weighs the explanation loss "
                        f"(CE + λ·MSE): give a number >= 0 (0 is the lambda_zero control's, no explanation target)")
    if section["enabled"] and task_of(dataset).regression:
        raise UserError(f"{where}.{key}.enabled: IMPACTX's classifier is trained with cross entropy, and dataset "
                        f"'{experiment['dataset']}' is a regression task; set {key}: {{enabled: false}}")
    check_trains_once(section["train"], f"{where}.{key}.train")
    section["train"] = {**experiment["train"], **section["train"]}
    if section["train"]["max_length"] != experiment["train"]["max_length"]:
        raise UserError(f"{where}.{key}.train.max_length: the teacher's scores cover the words the baseline reads "
                        f"(train.max_length {experiment['train']['max_length']}); leave max_length out of "
                        f"{key}.train")
    if system.name in experiment["explainers"] and not section["enabled"]:
        raise UserError(f"{where}.explainers: the `{system.name}` explainer reads the IMPACTX model's predicted map; "
                        f"set {key}: {{enabled: true}} or remove {system.name} from explainers")
