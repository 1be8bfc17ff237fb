"""The `random` control's words: one word per example drawn uniformly at random.

The candidates are the words LIME and SHAP choose from: the distinct runs of `\\w+` (the
words left by their `\\W+` split) of both sentences, in order of first appearance. The
attention extractor's words are the same words plus punctuation marks, which the other two
never return. No model is involved, so a split of any size takes a blink: no sharding.

Each example's draw is seeded by `random.Random(f"{seed}-{index}")` with its global index, as
the translation random control draws, so the words do not depend on how the examples are
split into jobs, and seeds s and s + 1 share no draws at shifted indices. The rule's `seed`
is "<explainer seed>-<iteration>-<split>" (as translation's): with the iteration left out,
iteration k would redraw iteration k-1's word whenever it was already a word of the example.
"""

import random
import re

from ielearn.classify.examples import read_examples
from ielearn.io import write_lines

WORD = re.compile(r"\w+")


def candidate_words(example):
    """The distinct words an explainer could pick; an example without any \\w character
    (e.g. "?!") falls back to its whitespace tokens, so there is always a candidate."""
    text = " ".join(t for t in (example.text_a, example.text_b) if t is not None)
    return list(dict.fromkeys(WORD.findall(text) or text.split()))


def random_words(examples, seed, first_index=0):
    """One word per example; `first_index` is the global index of examples[0]."""
    words = []
    for index, example in enumerate(examples, start=first_index):
        words.append(random.Random(f"{seed}-{index}").choice(candidate_words(example)))
    return words


def write_random_words(input_path, task, seed, out_path):
    """Draw from the examples as the previous iteration saw them (`input_path`)."""
    write_lines(out_path, random_words(read_examples(input_path, task), seed))
