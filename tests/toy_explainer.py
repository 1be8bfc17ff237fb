"""A toy explainer, as docs/extending.md adds one: its registry entry and its ranker (each
example's words in their order, so the first word is appended). tests/test_extending.py
registers it."""

from ielearn.systems import CLASSIFICATION, EXPLAINER, System

ENTRY = System("toyrank", (EXPLAINER,), (CLASSIFICATION,), ranker=f"{__name__}:rankings")


def rankings(model, tokenizer, examples, name, settings, seeds, model_dir):
    return [example.text_a.split() for example in examples]
