"""The teacher's explanations R as IMPACTX's training targets: one signed score per word of
the example (the words of ielearn/classify/explain/words.py, in input order), normalised per
example, and the `shuffled` control's R: each example gets another example's map.

Normalisation (the paper, on images, does not say): each example's scores are divided by its
largest absolute score, so every map lies in [-1, 1] with its strongest word at ±1 and keeps
its sign (the direction of the evidence for the predicted label); an all-zero map stays zero.
Without it MSE would weigh examples by the scale of their scores, which for LIME and SHAP
varies with the model's confidence rather than with the explanation.
"""

import random


def normalised(scores):
    """Scores divided by the largest absolute score (an all-zero map stays all zero)."""
    largest = max((abs(s) for s in scores), default=0.0)
    return [float(s) / largest if largest else 0.0 for s in scores]


def shuffled_order(count, seed):
    """A permutation of range(count) that moves every example where it can (a derangement
    for count >= 2): example i takes the map of example order[i]."""
    order = list(range(count))
    if count < 2:
        return order
    rng = random.Random(seed)
    while any(i == j for i, j in enumerate(order)):
        rng.shuffle(order)
    return order


def aligned(scores, length):
    """Another example's map laid on an example of `length` words: position by position,
    cut where it is longer, zeros where it is shorter."""
    return [*scores[:length], *[0.0] * max(0, length - len(scores))]


def shuffled_targets(maps, seed):
    """The `shuffled` control: each example's target is another example's (normalised) map,
    aligned to its own words; returns (targets, order)."""
    order = shuffled_order(len(maps), seed)
    return [aligned(maps[j], len(maps[i])) for i, j in enumerate(order)], order
