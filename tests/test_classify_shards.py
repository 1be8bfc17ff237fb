"""Sharded extraction gathers to exactly what one shard produces, and explaining several
examples at once (shared forward passes) gives the same words as one at a time."""

import json
import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does (see there)

import pytest  # noqa: E402
import torch  # noqa: E402

from ielearn.classify.datasets.synthetic import synthetic_examples  # noqa: E402
from ielearn.classify.enrich import enrich  # noqa: E402
from ielearn.classify.examples import read_examples, write_examples  # noqa: E402
from ielearn.classify.extract import extract_shard  # noqa: E402
from ielearn.classify.shards import gather_shards, shard_bounds  # noqa: E402
from ielearn.classify.tasks import SYNTHETIC  # noqa: E402
from ielearn.io import read_lines  # noqa: E402
from tiny_bert import make_tiny_bert  # noqa: E402

torch.set_num_threads(1)


def settings(at_once):
    return {"batch_size": 4, "max_length": 16, "seed": 5,
            "lime": {"num_samples": 40, "batch_size": 16, "examples_at_once": at_once},
            "shap": {"max_evals": 20, "batch_size": 16, "examples_at_once": at_once}}


def test_shard_bounds_cover_every_example_once():
    for count, shards in [(10, 3), (2, 4), (7, 1)]:
        bounds = [shard_bounds(count, i, shards) for i in range(shards)]
        assert [i for start, end in bounds for i in range(start, end)] == list(range(count))


@pytest.mark.parametrize("explainer", ["attention", "lime", "shap"])
def test_three_shards_gather_to_one_shard(tmp_path, explainer):
    """One shard explains one example at a time; the three shards two at once."""
    model = make_tiny_bert(tmp_path / "model")
    examples = tmp_path / "train.tsv"
    write_examples(examples, synthetic_examples(7, 2))
    whole = tmp_path / "whole.txt"
    extract_shard(model, examples, SYNTHETIC, explainer, settings(1), 0, 1, whole, scores_path=tmp_path / "whole.jsonl")
    parts = [tmp_path / f"part{i}.txt" for i in range(3)]
    for i, part in enumerate(parts):
        extract_shard(model, examples, SYNTHETIC, explainer, settings(2), i, 3, part,
                      scores_path=tmp_path / f"part{i}.jsonl")
    gather_shards(parts, tmp_path / "gathered.txt")
    assert read_lines(tmp_path / "gathered.txt") == read_lines(whole)
    assert len(read_lines(whole)) == 7
    # every word's score, one JSON object per example, the same however the examples are sharded
    gather_shards([tmp_path / f"part{i}.jsonl" for i in range(3)], tmp_path / "gathered.jsonl")
    rows = [json.loads(line) for line in read_lines(tmp_path / "whole.jsonl")]
    assert len(rows) == 7 and all(len(r["words"]) == len(r["scores"]) > 0 for r in rows)
    gathered = [json.loads(line) for line in read_lines(tmp_path / "gathered.jsonl")]
    assert [r["words"] for r in gathered] == [r["words"] for r in rows]
    assert [r["scores"] for r in gathered] == [pytest.approx(r["scores"], abs=1e-5) for r in rows]

    enrich(examples, whole, SYNTHETIC, tmp_path / "enriched.tsv")
    for before, after, word in zip(read_examples(examples, SYNTHETIC),
                                   read_examples(tmp_path / "enriched.tsv", SYNTHETIC), read_lines(whole)):
        assert word in before.text_a.split()
        assert after.text_a == f"{before.text_a} {word}" and after.label == before.label
