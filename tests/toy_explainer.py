"""A toy explainer, as docs/extending.md adds one: its registry entry and its ranker (each
example's words in their order, so the first word is appended, scored by their position).
tests/test_extending.py registers it."""

from ielearn.classify.explain.ranking import Explained
from ielearn.systems import CLASSIFICATION, EXPLAINER, System

ENTRY = System("toyrank", (EXPLAINER,), (CLASSIFICATION,), ranker=f"{__name__}:rankings")


def rankings(model, tokenizer, examples, name, settings, seeds, model_dir):
    found = []
    for example in examples:
        words = example.text_a.split()
        found.append(Explained(words, words, [float(-i) for i in range(len(words))]))
    return found
