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


def test_a_linear_decay_records_the_rate_of_its_kept_epochs_last_update(data):
    # 6 updates an epoch, 4 epochs: update u (1-based) runs at lr × (1 - (u - 1) / 24)
    _, record = train(data, "rates")
    assert [entry["last_lr"] for entry in record["history"]] == pytest.approx(
        [3e-3 * (1 - (6 * e - 1) / 24) for e in range(1, 5)])
    assert record["kept_lr"] == record["history"][record["kept_epoch"] - 1]["last_lr"]
    assert record["schedule"] == "linear" and record["kept"] == "best"


def test_lr_continue_holds_the_rate_the_previous_model_was_last_updated_at(data):
    start, previous = train(data, "before_continue", epochs=2)
    out = data / "continued"
    finetune(data / "train.tsv", start, out, SYNTHETIC, {**SETTINGS, "lr": "continue"}, valid_path=data / "valid.tsv")
    record = read_training(out)
    assert previous["kept_lr"] > 0
    assert record["lr"] == previous["kept_lr"] and record["schedule"] == "constant"
    assert {entry["last_lr"] for entry in record["history"]} == {previous["kept_lr"]}  # no decay, no warm-up
    assert record["kept_lr"] == previous["kept_lr"]  # the next iteration of a chain keeps it


def test_lr_continue_needs_a_classifier_with_a_recorded_rate(data, tmp_path):
    from ielearn.errors import UserError

    with pytest.raises(UserError, match="pretrained encoder has none"):
        finetune(data / "train.tsv", data / "tiny", tmp_path / "a", SYNTHETIC, {**SETTINGS, "lr": "continue"},
                 pretrained=True)
    with pytest.raises(UserError, match="records no `kept_lr`.*give finetune.lr as a number"):
        finetune(data / "train.tsv", data / "tiny", tmp_path / "b", SYNTHETIC, {**SETTINGS, "lr": "continue"})


def test_matched_updates_take_exactly_that_many_and_keep_the_last_model(data):
    # 48 examples in batches of 8: 6 updates an epoch, so 9 updates are 1.5 epochs
    out, record = train(data, "matched", matched_updates=9, patience=1, epochs=1)
    assert record["updates"] == 9 and record["epochs"] == 2 and record["examples"] == 72
    assert record["kept"] == "last" and record["kept_epoch"] == 2
    assert record["valid_score"] == record["history"][-1]["valid"]
    assert valid_accuracy(out, data) == pytest.approx(record["valid_score"])
    assert record["kept_lr"] == pytest.approx(3e-3 * (1 - 8 / 9))  # the decay runs over the 9
