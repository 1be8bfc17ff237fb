"""A tiny seeded sentiment task made by ielearn: one cue word decides the label.

Sentences mix filler words with exactly one cue word (positive or negative), so a model
that learned the task should find the cue word important. Seconds to make, fully offline.
"""

import random

from ielearn.classify.examples import Example

POSITIVE = ("great", "lovely", "superb", "fun", "brilliant", "charming")
NEGATIVE = ("awful", "boring", "dull", "terrible", "bland", "clumsy")
SUBJECTS = ("the film", "this book", "the show", "that song", "the play", "our trip")
FILLERS = ("really", "quite", "very", "mostly", "somewhat", "truly", "so", "rather")
ENDINGS = ("overall", "to me", "in the end", "for sure", "at times", "")


def synthetic_sentence(rng):
    positive = rng.random() < 0.5
    cue = rng.choice(POSITIVE if positive else NEGATIVE)
    words = [rng.choice(SUBJECTS), "was", rng.choice(FILLERS), cue, rng.choice(ENDINGS)]
    return Example(" ".join(w for w in words if w), None, "positive" if positive else "negative")


def synthetic_examples(count, seed):
    rng = random.Random(seed)
    return [synthetic_sentence(rng) for _ in range(count)]


def vocabulary():
    """Every word the task uses (a test builds a tiny tokenizer from it)."""
    phrases = POSITIVE + NEGATIVE + SUBJECTS + FILLERS + ENDINGS + ("was",)
    return sorted({word for phrase in phrases for word in phrase.split()})
