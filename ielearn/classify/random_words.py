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

Its ranking (for ielearn/classify/quality.py, the floor every explainer must beat) is a
uniformly random permutation of the candidates from the same draw: the word first (the
draw above, unchanged), then the other candidates shuffled by the same generator.
"""

import random

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.ranking import top_words, write_rankings
from ielearn.classify.explain.words import candidate_words
from ielearn.classify.text_tokenizer import load_text_tokenizer
from ielearn.io import write_lines


def random_ranking(candidates, draw):
    """A random permutation of `candidates` whose head is draw.choice(candidates)."""
    word = draw.choice(candidates)
    rest = [candidate for candidate in candidates if candidate != word]
    draw.shuffle(rest)
    return [word, *rest]


def random_rankings(examples, tokenizer, seed, first_index=0, max_length=None):
    """One ranking per example; `first_index` is the global index of examples[0]."""
    return [random_ranking(candidate_words(tokenizer, example.text_a, example.text_b, max_length),
                           random.Random(f"{seed}-{index}"))
            for index, example in enumerate(examples, start=first_index)]


def random_words(examples, tokenizer, seed, first_index=0, max_length=None):
    """One word per example; `first_index` is the global index of examples[0]."""
    return top_words(random_rankings(examples, tokenizer, seed, first_index, max_length))


def write_random_words(input_path, task, tokenizer_dir, seed, out_path, max_length=None, rankings_path=None):
    """Draw from the examples as the previous iteration saw them (`input_path`); with
    `rankings_path`, also write each example's ranking there."""
    tokenizer = load_text_tokenizer(tokenizer_dir)
    rankings = random_rankings(read_examples(input_path, task), tokenizer, seed, max_length=max_length)
    write_lines(out_path, top_words(rankings))
    if rankings_path:
        write_rankings(rankings_path, rankings)
