"""The `random` control's words: one word per example drawn uniformly at random.

The candidates are those every extractor chooses from (ielearn/classify/explain/words.py):
the distinct words of the classifier's input as its tokenizer splits them, within
`max_length`, punctuation excluded, both sentences of a pair, in order of first
appearance. Only the tokenizer is needed, no model, so a split takes seconds: no sharding.

Each example's draw is seeded by `random.Random(f"{seed}-{index}")` with its global index, as
the translation random control draws, so the words do not depend on how the examples are
split into jobs, and seeds s and s + 1 share no draws at shifted indices. The rule's `seed`
is "<explainer seed>-<iteration>-<split>" (as translation's): with the iteration left out,
iteration k would redraw iteration k-1's word whenever it was already a word of the example.
"""

import random

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.words import candidate_words
from ielearn.io import write_lines


def random_words(examples, tokenizer, seed, first_index=0, max_length=None):
    """One word per example; `first_index` is the global index of examples[0]."""
    words = []
    for index, example in enumerate(examples, start=first_index):
        candidates = candidate_words(tokenizer, example.text_a, example.text_b, max_length)
        words.append(random.Random(f"{seed}-{index}").choice(candidates))
    return words


def write_random_words(input_path, task, tokenizer_dir, seed, out_path, max_length=None):
    """Draw from the examples as the previous iteration saw them (`input_path`)."""
    from transformers import AutoTokenizer  # no torch: the draw runs no model

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir, use_fast=True)
    write_lines(out_path, random_words(read_examples(input_path, task), tokenizer, seed,
                                       max_length=max_length))
