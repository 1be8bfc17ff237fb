"""Sentence pairs for LIME and SHAP, which explain one string: join with a marker, split back.

The marker `|||` is never one of the classifier's words given to LIME or SHAP as tokens, so
LIME never removes it; for SHAP it is the masker's `sep_token`, which shap never masks.
"""

MARKER = "|||"


def join_pair(text_a, text_b):
    return text_a if text_b is None else f"{text_a} {MARKER}{text_b}"


def text_offsets(text_a, text_b=None):
    """Where text_a and text_b start in join_pair(text_a, text_b)."""
    return (0, len(text_a) + 1 + len(MARKER))


def split_joined(joined):
    """join_pair's inverse: (text_a, text_b or None)."""
    if MARKER not in joined:
        return joined, None
    text_a, text_b = joined.split(MARKER, 1)
    return text_a[:-1] if text_a.endswith(" ") else text_a, text_b


def split_pairs(strings, pair):
    """Perturbed strings → (texts_a, texts_b or None) for the model."""
    if not pair:
        return [" ".join(s.split()) for s in strings], None
    halves = [s.split(MARKER, 1) for s in strings]
    return [" ".join(a.split()) for a, _ in halves], [" ".join(b.split()) for _, b in halves]
