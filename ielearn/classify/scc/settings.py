"""SCC's section of a classification experiment in config.yaml: its training's defaults and
the checks beyond the schema (the `check` hook of its registry entry, ielearn/systems.py).
Plain Python: no torch."""

from ielearn.classify.tasks import task_of
from ielearn.errors import UserError
from ielearn.finetune_only import check_trains_once

# SCC's training (§4.1): AdamW "with the default parameters" (torch: weight decay 0.01) at
# lr 1e-5, at most 10 epochs, the best epoch on valid (no early stop); the rest is `train`'s.
SCC_TRAIN_DEFAULTS = {"lr": 1e-5, "epochs": 10, "patience": None, "weight_decay": 0.01}


def check_scc(experiment, dataset, where, system):
    """Fill SCC's training settings; the SCC explainer reads the SCC model's layer; SCC's
    contrastive loss needs classes. `system`: SCC's registry entry (its name and section)."""
    key, scc = system.settings, experiment[system.settings]
    if scc["enabled"] and task_of(dataset).regression:
        raise UserError(f"{where}.{key}.enabled: SCC contrasts examples of the same class, and dataset "
                        f"'{experiment['dataset']}' is a regression task; set {key}: {{enabled: false}}")
    check_trains_once(scc["train"], f"{where}.{key}.train")
    scc["train"] = {**experiment["train"], **SCC_TRAIN_DEFAULTS, **scc["train"]}
    if system.name in experiment["explainers"] and not scc["enabled"]:
        raise UserError(f"{where}.explainers: the `{system.name}` explainer reads the SCC model's sparse coding "
                        f"layer; set {key}: {{enabled: true}} or remove {system.name} from explainers")
