"""IMPACTX trained by the project's one training loop on the toy task: a teacher's score rows
checked against the examples, the model saved and loaded as a classifier, scored, and D left
as initialised when λ = 0 (ielearn/classify/impactx/)."""

import json

import pytest
import torch

from ielearn.classify.config import CLS_TRAIN_DEFAULTS
from ielearn.classify.examples import read_examples
from ielearn.classify.explain.words import input_words, word_text
from ielearn.classify.impactx.model import ImpactxClassifier, make_impactx
from ielearn.classify.impactx.objective import ImpactxObjective, shuffled_maps
from ielearn.classify.impactx.teacher import read_teacher_maps
from ielearn.classify.model import load_classifier, load_tokenizer
from ielearn.classify.score import predictions
from ielearn.classify.tasks import SYNTHETIC
from ielearn.classify.train import finetune
from ielearn.classify.training_record import read_training
from ielearn.errors import UserError
from tiny_bert import toy_training_data

torch.set_num_threads(1)
SETTINGS = {**CLS_TRAIN_DEFAULTS, "batch_size": 8, "max_length": 16, "lr": 3e-3, "epochs": 2, "patience": None}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    data = toy_training_data(tmp_path_factory.mktemp("impactx_train"), {"train": 24, "valid": 8}, seed=7)
    tokenizer = load_tokenizer(str(data / "tiny"))
    rows = []
    for example in read_examples(data / "train.tsv", SYNTHETIC):  # a made-up teacher: later words matter more
        texts = (example.text_a, example.text_b)
        words = [word_text(w, texts) for w in input_words(tokenizer, *texts, max_length=16)]
        rows.append(json.dumps({"words": words, "scores": [float(i) for i in range(len(words))]}))
    (data / "teacher.jsonl").write_text("\n".join(rows) + "\n")
    return data


def objective_for(data, lam, shuffle=False):
    def make(model, init_model):
        tokenizer = load_tokenizer(init_model)
        examples = read_examples(data / "train.tsv", SYNTHETIC)
        maps = read_teacher_maps(data / "teacher.jsonl", examples, tokenizer, 16)
        return ImpactxObjective(tokenizer, shuffled_maps(maps, examples, 1) if shuffle else maps, lam, 16)
    return make


def train(data, name, lam):
    out = data / name
    torch.manual_seed(0)
    finetune(data / "train.tsv", str(data / "tiny"), out, SYNTHETIC, {**SETTINGS, "seed": 3}, pretrained=True,
             valid_path=data / "valid.tsv", objective=objective_for(data, lam), make_model=make_impactx)
    return out


def test_impactx_trains_saves_and_scores_like_any_classifier(data):
    out = train(data, "impactx", 1.0)
    model = load_classifier(out)
    assert isinstance(model, ImpactxClassifier) and model.config.num_labels == 2
    record = read_training(out)
    assert [entry["map_mse"] >= 0 for entry in record["history"]] == [True, True]
    assert record["wordpieces"] > 0  # two encoders: counted twice (views = 2)
    examples = read_examples(data / "valid.tsv", SYNTHETIC)
    assert len(predictions(out, examples, SYNTHETIC, max_length=16)) == len(examples)


def test_lambda_zero_leaves_d_as_initialised(data):
    out = train(data, "lambda0", 0.0)
    torch.manual_seed(3)  # finetune seeds torch with the settings' seed before it builds the model
    fresh = make_impactx(str(data / "tiny"), SYNTHETIC, CLS_TRAIN_DEFAULTS["dropout"])
    trained = load_classifier(out)
    assert torch.equal(trained.decoder.weight, fresh.decoder.weight)  # seeded the same, never updated
    assert not torch.equal(trained.classifier.weight, fresh.classifier.weight)
    assert all(entry["map_mse"] >= 0 for entry in read_training(out)["history"])  # measured, not trained


def test_score_rows_that_do_not_match_the_examples_are_one_clear_error(data, tmp_path):
    examples = read_examples(data / "train.tsv", SYNTHETIC)
    tokenizer = load_tokenizer(str(data / "tiny"))
    lines = (data / "teacher.jsonl").read_text().splitlines()
    (tmp_path / "short.jsonl").write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(UserError, match=r"short.jsonl: 23 score rows for 24 examples"):
        read_teacher_maps(tmp_path / "short.jsonl", examples, tokenizer, 16)
    row = json.loads(lines[2])
    row["words"][0] = "elsewhere"
    (tmp_path / "other.jsonl").write_text("\n".join([*lines[:2], json.dumps(row), *lines[3:]]) + "\n")
    with pytest.raises(UserError, match=r"other.jsonl, line 3: the scores are for the words \['elsewhere'"):
        read_teacher_maps(tmp_path / "other.jsonl", examples, tokenizer, 16)
    (tmp_path / "bad.jsonl").write_text("\n".join([lines[0], "{not json", *lines[2:]]) + "\n")
    with pytest.raises(UserError, match=r"bad.jsonl, line 2: not a score row"):
        read_teacher_maps(tmp_path / "bad.jsonl", examples, tokenizer, 16)
