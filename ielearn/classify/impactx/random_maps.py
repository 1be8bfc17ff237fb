"""The targets of IMPACTX's `random_maps` variant: R drawn at random for the same words.

One signed score per word the classifier reads (the words of ielearn/classify/explain/words.py,
punctuation included, in input order: the words of a teacher's score row), drawn uniformly
from [-1, 1]; the rows have the teacher's score file format, so the variant trains exactly as
IMPACTX does, on a map that carries no explanation. Each example's draw is seeded by
`random.Random(f"{seed}-{index}")` with its index, as the `random` control's words are, so
the maps do not depend on the order they are written in. Only the tokenizer is needed.
"""

import json
import random

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.words import input_words, word_text
from ielearn.classify.text_tokenizer import load_text_tokenizer
from ielearn.io import write_lines


def random_map(words, draw):
    """One score in [-1, 1] per word."""
    return [draw.uniform(-1.0, 1.0) for _ in words]


def random_map_rows(examples, tokenizer, seed, max_length=None):
    """{"words", "scores"} per example: its words, each with a random score."""
    rows = []
    for index, example in enumerate(examples):
        texts = (example.text_a, example.text_b)
        words = [word_text(w, texts) for w in input_words(tokenizer, *texts, max_length=max_length)]
        rows.append({"words": words, "scores": random_map(words, random.Random(f"{seed}-{index}"))})
    return rows


def write_random_maps(examples_path, task, tokenizer_path, seed, out_path, max_length=None):
    rows = random_map_rows(read_examples(examples_path, task), load_text_tokenizer(tokenizer_path), seed, max_length)
    write_lines(out_path, [json.dumps(row, ensure_ascii=False) for row in rows])
