"""A config of both halves for the unit tests of ielearn/workflow/: the tiny translation
experiment (two seeds, both controls, noise rates 0 and 100) and three classification
experiments on the synthetic task: `cls` (attention and LIME, two seeds, both controls, SCC,
two shards), `teach` (IMPACTX on SHAP's maps) and `sim` (SMaT and the simulability students).
Nothing here is read from disk: the model names are never loaded."""

import copy

from conftest import TINY_CONFIG

from ielearn.config import validate_config

SYNTHETIC = {"source": "synthetic", "sizes": {"train": 20, "valid": 10, "test": 10, "pool": 40}}
COMMON = {"dataset": "synthetic", "model": "minilm", "train": {"epochs": 1, "max_length": 16}}
CLASSIFICATION = {
    "datasets": {"synthetic": SYNTHETIC},
    "experiments": {
        "cls": {**COMMON, "explainers": ["attention", "lime"], "controls": ["random", "none"],
                "seeds": [1, 2], "bootstrap": 2, "shards": 2, "scc": {"enabled": True}},
        "teach": {**COMMON, "explainers": ["shap"], "controls": [], "quality": {"enabled": False},
                  "impactx": {"enabled": True, "teacher": "shap", "lambda": 1.0}},
        "sim": {**COMMON, "explainers": ["attention", "smat"], "controls": ["random", "none"],
                "quality": {"enabled": False},
                "simulability": {"enabled": True, "budgets": [20], "settings": ["static_all", "attention", "smat"]}},
    },
}


def workflow_config():
    return validate_config({**copy.deepcopy(TINY_CONFIG), "classification": copy.deepcopy(CLASSIFICATION)})
