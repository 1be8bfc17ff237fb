"""Sentence pairs for LIME and SHAP, which explain one string: join with a marker, split back.

The marker `|||` is no word (LIME and SHAP split words on \\W+), so LIME never removes it;
for SHAP it is the masker's `sep_token`, which the Text masker never masks.
"""

MARKER = "|||"


def join_pair(text_a, text_b):
    return text_a if text_b is None else f"{text_a} {MARKER}{text_b}"


def split_pairs(strings, pair):
    """Perturbed strings → (texts_a, texts_b or None) for the model."""
    if not pair:
        return [" ".join(s.split()) for s in strings], None
    halves = [s.split(MARKER, 1) for s in strings]
    return [" ".join(a.split()) for a, _ in halves], [" ".join(b.split()) for _, b in halves]
