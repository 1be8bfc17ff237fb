"""SHAP's top word for the model's prediction (shap's Text masker + Partition explainer).

Single sentences use shap's default Text masker (words split on \\W+, masked as "...").
Pairs use a word tokenizer whose `sep_token` is the pair marker, which shap never masks.
The top word has the largest |SHAP value| for the predicted class (regression: the score).
"""

import os
import re

# shap's partition explainer JIT-compiles its numba helpers in every new process: about a
# minute of CPU, more than a shard of short texts needs. Run them as plain Python instead
# (same code, same results) unless the user asks for the JIT. Must precede `import shap`.
if os.environ.get("IELEARN_SHAP_JIT") != "1":
    os.environ.setdefault("NUMBA_DISABLE_JIT", "1")

import numpy as np  # noqa: E402
import shap  # noqa: E402

from ielearn.classify.explain.lime_words import classifier_fn, predicted_output
from ielearn.classify.explain.pairs import MARKER, join_pair


class PairWordTokenizer:
    """Words (\\w+ runs) and the pair marker as tokens, with offsets, as shap's masker wants.

    "..." (shap's mask token) is a token too: the masker tokenizes it when it starts.
    """

    sep_token = MARKER
    pattern = re.compile(re.escape(MARKER) + r"|\.\.\.|\w+")

    def __call__(self, s, return_offsets_mapping=True):
        matches = list(self.pattern.finditer(s))
        out = {"input_ids": [m.group(0) for m in matches]}
        if return_offsets_mapping:
            out["offset_mapping"] = [m.span(0) for m in matches]
        return out


def shap_explainer(predictor, pair):
    masker = shap.maskers.Text(PairWordTokenizer() if pair else None)
    return shap.Explainer(classifier_fn(predictor, pair), masker)


def top_shap_word(values, tokens, target):
    """Largest |value| in column `target`, skipping empty tokens and the pair marker."""
    scores = np.abs(np.asarray(values)[:, target])
    words = [str(token).strip() for token in tokens]
    candidates = [i for i, word in enumerate(words) if word and word != MARKER]
    return words[max(candidates, key=lambda i: scores[i])]


def shap_word(predictor, example, max_evals, batch_size, explainer=None):
    pair = example.text_b is not None
    explainer = explainer or shap_explainer(predictor, pair)
    target = predicted_output(predictor, example)
    explanation = explainer([join_pair(example.text_a, example.text_b)], max_evals=max_evals,
                            batch_size=batch_size, silent=True)
    return top_shap_word(explanation.values[0], explanation.data[0], target)
