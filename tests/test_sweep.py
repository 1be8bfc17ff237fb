"""A fine-tune learning-rate sweep: the pick (best valid score, ties to the first rate), the
rate each candidate trains with, and the kept model's records, from hand-made files."""

import math

import pytest

from ielearn.classify.pick import pick_classifier
from ielearn.classify.training_record import read_training, write_training
from ielearn.errors import UserError
from ielearn.io import read_json, write_json, write_lines
from ielearn.nmt.compute import read_compute
from ielearn.nmt.pick import pick_model
from ielearn.sweep import SWEEP_FILE, candidate_rate, pick, single_rate, sweep_rates


def test_pick_takes_the_best_valid_score_and_the_first_rate_on_a_tie():
    assert pick([30.1, 31.4, 29.0]) == 1
    assert pick([31.4, 30.0, 31.4]) == 0  # tie: the earliest in the list
    assert pick([30.0, 31.4, 31.4]) == 1
    assert pick([math.nan, 12.0, math.nan]) == 1  # a candidate without a score never wins
    assert pick([5.0]) == 0


def test_each_candidate_trains_with_its_own_rate_and_a_single_rate_keeps_todays_paths():
    assert sweep_rates(["continue", 1e-4]) == ["continue", 1e-4]
    assert sweep_rates("continue") is None and sweep_rates([1e-4]) is None and single_rate([1e-4]) == 1e-4
    assert candidate_rate(["continue", 1e-4], "lr_0/") == "continue"
    assert candidate_rate(["continue", 1e-4], "lr_1/") == 1e-4
    assert candidate_rate("continue", "") == "continue"
    with pytest.raises(UserError, match="lr_2: finetune.lr has no such candidate"):
        candidate_rate(["continue", 1e-4], "lr_2/")
    with pytest.raises(UserError, match="is a sweep"):
        candidate_rate(["continue", 1e-4], "")


def test_translation_keeps_the_candidate_with_the_best_valid_bleu(tmp_path):
    reference = ["the cat sits on the mat", "a dog runs in the park", "we read a good book today"]
    write_lines(tmp_path / "valid.tgt", reference)
    hypotheses = [["the cat", "a dog", "we read"], reference, reference]  # 1 and 2 tie: 1 is kept
    inputs = {"models": [], "computes": [], "records": [], "valid": []}
    for i, lines in enumerate(hypotheses):
        here = tmp_path / f"lr_{i}"
        (here / "model").mkdir(parents=True)
        (here / "model/best.pt").write_bytes(f"weights {i}".encode())
        write_json(here / "model/compute.json", {"updates": 10 * (i + 1), "epochs": 1.5, "source_tokens": 100,
                                                 "target_tokens": 90, "sentences": 3, "lr": 0.001 * (i + 1),
                                                 "kept": "best", "kept_updates": 5, "kept_epochs": 1.0})
        write_json(here / "model/ielearn-training.json", {"seed": i})
        write_lines(here / "valid.txt", lines)
        for key, name in [("models", "model/best.pt"), ("computes", "model/compute.json"),
                          ("records", "model/ielearn-training.json"), ("valid", "valid.txt")]:
            inputs[key].append(str(here / name))
    outputs = {name: tmp_path / "kept" / name for name in ("best.pt", "compute.json", "training.json", SWEEP_FILE)}
    log = pick_model(["continue", 0.002, 0.003], inputs["models"], inputs["computes"], inputs["records"],
                     inputs["valid"], tmp_path / "valid.tgt",
                     {"model": outputs["best.pt"], "compute": outputs["compute.json"],
                      "record": outputs["training.json"], "sweep": outputs[SWEEP_FILE]})
    assert outputs["best.pt"].read_bytes() == b"weights 1"
    assert read_json(outputs["training.json"]) == {"seed": 1}
    compute = read_compute(outputs["compute.json"])
    assert (compute["updates"], compute["epochs"], compute["source_tokens"]) == (60, 4.5, 300)  # every candidate
    assert (compute["lr"], compute["kept_updates"], compute["lr_candidates"]) == (0.002, 5, 3)  # the kept one's
    sweep = read_json(outputs[SWEEP_FILE])
    assert (sweep["picked"], sweep["lr"], sweep["metric"]) == (1, 0.002, "BLEU")
    assert [c["lr"] for c in sweep["candidates"]] == ["continue", 0.002, 0.003]
    assert sweep["candidates"][0]["rate_used"] == 0.001
    assert sweep["candidates"][1]["valid"] == sweep["candidates"][2]["valid"] == 100.0
    assert sweep["candidates"][0]["valid"] < 100
    assert "lr_1: lr 0.002 (0.002), valid BLEU 100.0, 20 updates  <- kept" in log


def test_classification_keeps_the_candidate_with_the_best_valid_score(tmp_path):
    candidates = []
    for i, score in enumerate([0.70, 0.75, 0.72]):
        here = tmp_path / f"lr_{i}/model"
        write_training(here, {"epochs": 3, "updates": 30, "examples": 300, "wordpieces": 4000, "kept_epoch": i + 1,
                              "metric": "accuracy", "valid_score": score, "lr": [1e-4, 5e-5, 2e-5][i], "history": []})
        (here / "weights.bin").write_bytes(f"weights {i}".encode())
        candidates.append(str(here))
    kept = tmp_path / "model"
    pick_classifier([1e-4, 5e-5, 2e-5], candidates, kept)
    assert (kept / "weights.bin").read_bytes() == b"weights 1"
    record = read_training(kept)
    assert (record["epochs"], record["updates"], record["examples"], record["wordpieces"]) == (9, 90, 900, 12000)
    assert (record["kept_epoch"], record["lr"], record["lr_candidates"], record["valid_score"]) == (2, 5e-5, 3, 0.75)
    assert read_json(kept / SWEEP_FILE)["picked"] == 1
