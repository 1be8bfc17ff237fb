"""training.json beside every classifier: what its training spent and which epoch it kept.

Written by ielearn.classify.train; read here without torch (for the summary and report).
Keys: epochs, updates, examples, wordpieces (seen in training, all epochs run), kept_epoch,
metric and valid_score (the kept epoch's valid headline metric), lr (the peak rate, or the
constant rate of `lr: continue`; records written before it was added lack it), schedule
(`linear` or `constant`), kept (`best`, or `last` under matched_updates), kept_lr (the rate of
the kept epoch's last update: what `lr: continue` continues at), history (per epoch:
train_loss, updates so far, last_lr, valid score), seconds, peak_rss_mb and, on a GPU,
peak_gpu_mb (ielearn/classify/training_cost.py; records written before them lack them). A
model picked from a learning-rate sweep (ielearn/sweep.py) has the sweep's totals of epochs,
updates, examples, wordpieces and seconds, its largest peak memory, and lr_candidates.
"""

from pathlib import Path

from ielearn.io import read_json, write_json

TRAINING_FILE = "training.json"


def write_training(model_dir, record):
    write_json(Path(model_dir) / TRAINING_FILE, record)


def read_training(model_dir):
    return read_json(Path(model_dir) / TRAINING_FILE)
