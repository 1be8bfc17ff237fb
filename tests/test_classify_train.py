"""Classifier training keeps its best epoch on valid and stops when valid stops improving."""

import pytest
import torch
from sklearn.metrics import accuracy_score

from ielearn.classify.config import CLS_TRAIN_DEFAULTS
from ielearn.classify.score import predictions
from ielearn.classify.tasks import SYNTHETIC
from ielearn.classify.train import finetune
from ielearn.classify.training_record import read_training
from tiny_bert import toy_training_data

torch.set_num_threads(1)
SETTINGS = {**CLS_TRAIN_DEFAULTS, "batch_size": 8, "max_length": 16, "lr": 3e-3, "epochs": 4,
            "patience": None}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return toy_training_data(tmp_path_factory.mktemp("cls_train"), {"train": 48, "valid": 24}, seed=7)


def valid_accuracy(model_dir, data):
    from ielearn.classify.examples import read_examples

    examples = read_examples(data / "valid.tsv", SYNTHETIC)
    predicted = predictions(model_dir, examples, SYNTHETIC, max_length=16)
    return accuracy_score([e.label for e in examples], predicted)


def train(data, name, **settings):
    out = data / name
    finetune(data / "train.tsv", data / "tiny", out, SYNTHETIC, {**SETTINGS, **settings},
             pretrained=True, valid_path=data / "valid.tsv")
    return out, read_training(out)


def test_the_kept_model_is_the_best_epoch_on_valid(data):
    out, record = train(data, "best")
    scores = [entry["valid"] for entry in record["history"]]
    assert record["epochs"] == 4 and len(scores) == 4  # no patience: the cap
    assert record["valid_score"] == max(scores)
    assert record["kept_epoch"] == scores.index(max(scores)) + 1  # the earliest best
    assert record["metric"] == "accuracy"
    # the saved model scores what the record says, scored independently (sklearn)
    assert valid_accuracy(out, data) == pytest.approx(record["valid_score"])
    assert record["updates"] == 4 * 6 and record["examples"] == 4 * 48
    assert record["wordpieces"] > record["examples"]


def test_training_stops_when_valid_stops_improving(data):
    # lr 0: valid never changes, so no epoch beats the first: stop after `patience` more
    _, record = train(data, "stopped", lr=0.0, patience=2, epochs=10)
    assert record["epochs"] == 3 and record["kept_epoch"] == 1
    assert [entry["epoch"] for entry in record["history"]] == [1, 2, 3]
