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
from ielearn.systems import IMPACTX, system, variants_of
from tiny_bert import toy_training_data

torch.set_num_threads(1)
SETTINGS = {**CLS_TRAIN_DEFAULTS, "batch_size": 8, "max_length": 16, "lr": 3e-3, "epochs": 2, "patience": None}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    data = toy_training_data(tmp_path_factory.mktemp("impactx_train"), {"train": 24, "valid": 8}, seed=7)
    tokenizer = load_tokenizer(str(data / "tiny"))
    for split, name in (("train", "teacher.jsonl"), ("valid", "teacher_valid.jsonl")):
        rows = []
        for example in read_examples(data / f"{split}.tsv", SYNTHETIC):  # a made-up teacher: later words matter more
            texts = (example.text_a, example.text_b)
            words = [word_text(w, texts) for w in input_words(tokenizer, *texts, max_length=16)]
            rows.append(json.dumps({"words": words, "scores": [float(i) for i in range(len(words))]}))
        (data / name).write_text("\n".join(rows) + "\n")
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


def hooks_objective(data, variant=None, maps=True):
    """IMPACTX's objective as workflow_scripts/classify_train.py makes it: the registry's hook
    given the section (with a variant's changes), the job's training settings and its inputs."""
    changes = dict(system(variant).changes) if variant else {}
    inputs = {"train": str(data / "train.tsv"), "valid": str(data / "valid.tsv")}
    if maps:
        inputs.update(maps_train=str(data / "teacher.jsonl"), maps_valid=str(data / "teacher_valid.jsonl"))
    section = {"enabled": True, "teacher": "shap", "lambda": 1.0, "train": {}, **changes}
    return system(IMPACTX).load("objective")({**section, "train": {**SETTINGS, "seed": 3}, "inputs": inputs},
                                             SYNTHETIC)


def test_the_registry_hooks_train_impactx_record_its_cost_and_a_fine_tune_leaves_d_alone(data):
    out = data / "hooks"
    finetune(data / "train.tsv", str(data / "tiny"), out, SYNTHETIC, {**SETTINGS, "seed": 3}, pretrained=True,
             valid_path=data / "valid.tsv", objective=hooks_objective(data), make_model=system(IMPACTX).load("model"))
    record = read_training(out)
    assert all(entry["map_mse"] >= 0 and entry["valid_map_mse"] >= 0 for entry in record["history"])
    assert record["seconds"] > 0 and record["peak_rss_mb"] > 50  # every training's cost (training_cost.py)
    # a fine-tune of the impactx chain (x' has no teacher's map): cross entropy only, D as model 0 left it
    tuned = data / "hooks_tuned"
    finetune(data / "train.tsv", out, tuned, SYNTHETIC, {**SETTINGS, "seed": 4}, valid_path=data / "valid.tsv",
             objective=hooks_objective(data, maps=False), make_model=system(IMPACTX).load("model"))
    start, after = load_classifier(out), load_classifier(tuned)
    assert torch.equal(start.decoder.weight, after.decoder.weight)
    assert not torch.equal(start.classifier.weight, after.classifier.weight)
    assert "map_mse" not in read_training(tuned)["history"][0]


def test_each_controls_objective_takes_its_change(data):
    tiny = str(data / "tiny")
    model = make_impactx(tiny, SYNTHETIC, CLS_TRAIN_DEFAULTS["dropout"])
    made = {variant: hooks_objective(data, variant)(model, tiny) for variant in (None, *variants_of(IMPACTX))}
    examples = read_examples(data / "train.tsv", SYNTHETIC)
    real = read_teacher_maps(data / "teacher.jsonl", examples, load_tokenizer(tiny), 16)
    assert made[None].maps == real and made[None].lam == 1.0
    assert made["lambda_zero"].maps == real and made["lambda_zero"].lam == 0.0
    assert made["shuffled_maps"].maps == shuffled_maps(real, examples, 3)  # seeded by the replicate's seed
    assert made["shuffled_maps"].maps != real


def test_the_impactx_explainer_scores_each_word_by_the_mean_of_ds_map_over_its_pieces(data):
    tiny = str(data / "tiny")
    torch.manual_seed(0)
    model, tokenizer = make_impactx(tiny, SYNTHETIC, 0.1).eval(), load_tokenizer(tiny)
    examples = read_examples(data / "valid.tsv", SYNTHETIC)[:3]
    found = system(IMPACTX).load("ranker")(model, tokenizer, examples, IMPACTX, {"batch_size": 2, "max_length": 16},
                                            None, None)
    for example, explained in zip(examples, found):  # by hand: one example at a time, no padding
        encoding = tokenizer(example.text_a, example.text_b, truncation=True, max_length=16, return_tensors="pt")
        with torch.no_grad():
            token_map = model(**encoding).token_map[0]
        pieces = {}
        for t, (sentence, word) in enumerate(zip(encoding.sequence_ids(), encoding.word_ids())):
            if word is not None and sentence is not None:
                pieces.setdefault((sentence, word), []).append(float(token_map[t]))
        expected = [sum(p) / len(p) for p in pieces.values()]
        assert explained.scores == pytest.approx(expected, abs=1e-5)
        candidates = [i for i, word in enumerate(explained.words) if any(c.isalnum() for c in word)]
        assert explained.ranking[0] == explained.words[max(candidates, key=expected.__getitem__)]


def test_a_training_killed_while_saving_its_two_encoders_leaves_no_model_behind(data, monkeypatch):
    """The model directory appears whole or not at all (atomic_directory), so Snakemake reruns
    a killed IMPACTX training like any other rather than take half a model for finished."""
    def dies_after_m(model, directory):
        model.m.save_pretrained(f"{directory}/m")
        raise KeyboardInterrupt  # as a kill between the two encoders would stop it

    monkeypatch.setattr(ImpactxClassifier, "save_pretrained", dies_after_m)
    out = data / "killed"
    with pytest.raises(KeyboardInterrupt):
        finetune(data / "train.tsv", str(data / "tiny"), out, SYNTHETIC, {**SETTINGS, "epochs": 1, "seed": 3},
                 pretrained=True, objective=hooks_objective(data), make_model=make_impactx)
    assert not out.exists() and not list(data.glob("*killed*"))  # nor its temporary directory
