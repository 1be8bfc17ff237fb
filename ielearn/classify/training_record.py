"""training.json beside every classifier: what its training spent and which epoch it kept.

Written by ielearn.classify.train; read here without torch (for the summary and report).
Keys: epochs, updates, examples, wordpieces (seen in training, all epochs run), kept_epoch,
metric and valid_score (the kept epoch's valid headline metric), history (per epoch:
train_loss, updates so far, valid score).
"""

import json
from pathlib import Path

TRAINING_FILE = "training.json"


def write_training(model_dir, record):
    with open(Path(model_dir) / TRAINING_FILE, "w", encoding="utf-8") as out:
        json.dump(record, out, indent=1)
        out.write("\n")


def read_training(model_dir):
    with open(Path(model_dir) / TRAINING_FILE, encoding="utf-8") as handle:
        return json.load(handle)
