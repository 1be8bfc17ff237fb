"""What IMPACTX learns from and how its maps are judged: the random_maps control's targets
(seeded, on the words the classifier reads), a teacher whose scores were not extracted, the
agreement of a student's maps with its teacher's (Spearman per example, by hand), and the
cost every training records (seconds, peak memory) as a sweep sums it."""

import json
import math

import pytest

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.words import input_words, word_text
from ielearn.classify.impactx.agreement import rank_agreements, write_agreement_table
from ielearn.classify.impactx.random_maps import random_map_rows, write_random_maps
from ielearn.classify.impactx.teacher import read_teacher_maps
from ielearn.classify.model import load_tokenizer
from ielearn.classify.pick import pick_classifier
from ielearn.classify.tasks import SYNTHETIC
from ielearn.classify.training_record import read_training, write_training
from ielearn.errors import UserError
from ielearn.io import read_tsv
from tiny_bert import toy_training_data


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return toy_training_data(tmp_path_factory.mktemp("impactx_maps"), {"train": 12}, seed=5)


def test_random_maps_are_seeded_and_score_exactly_the_words_the_classifier_reads(data, tmp_path):
    examples, tokenizer = read_examples(data / "train.tsv", SYNTHETIC), load_tokenizer(str(data / "tiny"))
    rows = random_map_rows(examples, tokenizer, "7-train", max_length=6)
    assert rows == random_map_rows(examples, tokenizer, "7-train", max_length=6)  # the same seed, the same maps
    assert rows != random_map_rows(examples, tokenizer, "8-train", max_length=6)
    for row, example in zip(rows, examples):
        texts = (example.text_a, example.text_b)
        assert row["words"] == [word_text(w, texts) for w in input_words(tokenizer, *texts, max_length=6)]
        assert len(row["scores"]) == len(row["words"]) and all(-1 <= s <= 1 for s in row["scores"])
    assert any(len(row["words"]) < len(e.text_a.split()) for row, e in zip(rows, examples))  # truncated at 6 tokens
    # the file is a teacher's score file: the student reads it like SHAP's, row by row checked
    path = tmp_path / "maps.jsonl"
    write_random_maps(data / "train.tsv", SYNTHETIC, str(data / "tiny"), "7-train", path, max_length=6)
    assert [json.loads(line) for line in path.read_text().splitlines()] == rows
    maps = read_teacher_maps(path, examples, tokenizer, 6)
    assert all(max(abs(s) for s in m) == pytest.approx(1.0) for m in maps.values() if m)  # normalised as R is


def test_a_teacher_whose_scores_were_not_extracted_is_one_clear_error(data, tmp_path):
    examples, tokenizer = read_examples(data / "train.tsv", SYNTHETIC), load_tokenizer(str(data / "tiny"))
    missing = tmp_path / "shap" / "iter_0" / "scores" / "train.jsonl"
    with pytest.raises(UserError, match=rf"{missing}: the teacher's per-word scores were not extracted; run"):
        read_teacher_maps(missing, examples, tokenizer, 16)


def write_rows(path, rows):
    path.write_text("".join(json.dumps({"words": w, "scores": s}) + "\n" for w, s in rows))
    return path


def test_agreement_is_spearman_per_example_by_hand(tmp_path):
    words = ["what", "is", "it", "?"]
    student = write_rows(tmp_path / "d.jsonl", [(words, [0.1, 0.2, 0.3, 0.4]), (words, [4, 3, 2, 1]),
                                                (words, [1, 2, 2, 5]), (["x"], [1.0]), (words, [0, 0, 0, 0])])
    teacher = write_rows(tmp_path / "shap.jsonl", [(words, [1, 2, 3, 4]), (words, [1, 2, 3, 4]),
                                                   (words, [4, 3, 2, 1]), (["x"], [0.5]), (words, [1, 2, 3, 4])])
    rhos = rank_agreements(student, teacher)
    # the same ranks: 1; reversed: -1; with a tie, ranks (1, 2.5, 2.5, 4) against (4, 3, 2, 1): Pearson
    # of the ranks, deviations (-1.5, 0, 0, 1.5) and (1.5, 0.5, -0.5, -1.5): Σ = -4.5 over √4.5 · √5
    assert rhos[:3] == pytest.approx([1.0, -1.0, -4.5 / math.sqrt(22.5)])
    assert math.isnan(rhos[3]) and math.isnan(rhos[4])  # one word; a constant map: no ranking
    out = tmp_path / "agreement.tsv"
    write_agreement_table(out, [(1, "impactx", "shap")], [student], [teacher])
    rows = read_tsv(out)
    assert [r["seed"] for r in rows] == ["1", "mean"]
    assert (rows[0]["examples"], rows[0]["ranked"]) == ("5", "3")
    assert float(rows[0]["spearman"]) == pytest.approx((1 - 1 - 4.5 / math.sqrt(22.5)) / 3, abs=1e-4)


def test_maps_of_other_words_are_one_clear_error(tmp_path):
    student = write_rows(tmp_path / "d.jsonl", [(["a", "b"], [1, 2])])
    teacher = write_rows(tmp_path / "t.jsonl", [(["a", "c"], [1, 2])])
    with pytest.raises(UserError, match=r"d\.jsonl, line 1: its words \['a', 'b'\] are not"):
        rank_agreements(student, teacher)


def test_a_sweep_adds_up_its_candidates_seconds_and_keeps_the_largest_peak(tmp_path):
    candidates = []
    for i, (seconds, peak, valid) in enumerate([(10.0, 900.0, 0.5), (12.5, 1100.0, 0.7)]):
        here = tmp_path / f"lr_{i}" / "model"
        here.mkdir(parents=True)
        write_training(here, {"epochs": 1, "updates": 4, "examples": 8, "wordpieces": 80, "metric": "accuracy",
                              "valid_score": valid, "lr": 1e-4, "seconds": seconds, "peak_rss_mb": peak})
        candidates.append(here)
    pick_classifier([1e-4, 2e-4], candidates, tmp_path / "model")
    kept = read_training(tmp_path / "model")
    assert (kept["seconds"], kept["peak_rss_mb"], kept["updates"]) == (22.5, 1100.0, 8)
