"""SHAP's word for the model's prediction (shap's Text masker + Partition explainer).

shap's masker is given the classifier's own words as tokens (ClassifierWords: the words of
ielearn/classify/explain/words.py, punctuation included, with offsets), so SHAP perturbs
the same units as LIME and its values are per word, never `city,`. For a pair the marker
is a token too and the masker's `sep_token`, which shap never masks. The word is the
candidate with the largest *signed* SHAP value for the predicted class (Alg. 2: the word
that argues most for the prediction); regression: for the predicted score, largest
positive, as for LIME. `shap_ranking` orders every candidate by that value; the word is
its head.

Hidden words are deleted, as LIME (bow) and the quality measures delete them (one masking
rule for every explainer and measure, docs/classification.md): shap's own default would
write "..." in their place (its Text masker falls back to "..." for a tokenizer without a
mask token), a text the deleting measures never show the model.
"""

import os

# shap's partition explainer JIT-compiles its numba helpers in every new process: about a
# minute of CPU, more than a shard of short texts needs. Run them as plain Python instead
# (same code, same results) unless the user asks for the JIT. Must precede `import shap`.
if os.environ.get("IELEARN_SHAP_JIT") != "1":
    os.environ.setdefault("NUMBA_DISABLE_JIT", "1")

import numpy as np  # noqa: E402
import shap  # noqa: E402
from shap.explainers import _partition  # noqa: E402

from ielearn.classify.explain.concurrent import ThreadRandom  # noqa: E402
from ielearn.classify.explain.lime_words import classifier_fn, predicted_output  # noqa: E402
from ielearn.classify.explain.pairs import MARKER, join_pair, split_joined, text_offsets  # noqa: E402
from ielearn.classify.explain.ranking import explained  # noqa: E402
from ielearn.classify.explain.words import input_words  # noqa: E402

# the Partition explainer's only random draws are its queue's tie-breaks (np.random.randn);
# from here on they come from the calling thread's own state, seeded per example
THREAD_RANDOM = ThreadRandom()
_partition.np = THREAD_RANDOM


class ClassifierWords:
    """A string → its classifier words (and the pair marker) as tokens with offsets, in the
    minimal tokenizer API shap's Text masker takes."""

    sep_token = MARKER

    def __init__(self, tokenizer, max_length=None):
        self.tokenizer, self.max_length = tokenizer, max_length

    def spans(self, s):
        """[(start, end) in s] of every token; None in `words` marks the marker."""
        text_a, text_b = split_joined(s)
        words = input_words(self.tokenizer, text_a, text_b, self.max_length) if s.strip() else []
        shifts = text_offsets(text_a, text_b)
        spans = [(shifts[w.sentence] + w.start, shifts[w.sentence] + w.end) for w in words]
        if text_b is not None:
            marker = (len(text_a) + 1, len(text_a) + 1 + len(MARKER))
            before = sum(1 for w in words if w.sentence == 0)
            spans.insert(before, marker)
            words = [*words[:before], None, *words[before:]]
        return spans, words

    def __call__(self, s, return_offsets_mapping=True):
        spans, _ = self.spans(s)
        out = {"input_ids": [s[start:end] for start, end in spans]}
        if return_offsets_mapping:
            out["offset_mapping"] = spans
        return out


class DeletingText(shap.maskers.Text):
    """shap's Text masker with mask_token "" (collapsed): a hidden word leaves nothing behind.

    shap's constructor looks the mask token's id up by tokenizing it (`tokenizer(mask_token)
    ["input_ids"][0]`), which fails for "" with a tokenizer that, like ClassifierWords, gives
    no token for an empty string; the id only serves token-id output. So the masker is built
    with shap's default and its mask token set to "" after, which shap's string output
    (" " + mask_token, then whitespace collapsed) turns into a deletion."""

    def __init__(self, tokenizer):
        super().__init__(tokenizer, mask_token="...", collapse_mask_token=True)
        self.mask_token = self.input_mask_token = ""


def shap_explainer(predictor, pair):
    masker = DeletingText(ClassifierWords(predictor.tokenizer, predictor.max_length))
    return shap.Explainer(classifier_fn(predictor, pair), masker)


def shap_candidate_ranking(values, words, texts, target):
    """The candidates by their value in column `target`, best first; `words` has None for
    the pair marker's row."""
    return shap_explanation(values, words, texts, target).ranking


def shap_explanation(values, words, texts, target):
    """Explained (ranking.py) from shap's values: every word's value in column `target` (the
    pair marker's row left out) and the candidates by it, best first."""
    values = np.asarray(values)[:, target]
    rows = [i for i, word in enumerate(words) if word is not None]
    return explained([values[i] for i in rows], [words[i] for i in rows], texts)


def shap_word(predictor, example, max_evals, batch_size, explainer=None):
    return shap_ranking(predictor, example, max_evals, batch_size, explainer)[0]


def shap_ranking(predictor, example, max_evals, batch_size, explainer=None):
    return shap_explained(predictor, example, max_evals, batch_size, explainer).ranking


def shap_explained(predictor, example, max_evals, batch_size, explainer=None):
    pair = example.text_b is not None
    explainer = explainer or shap_explainer(predictor, pair)
    target = predicted_output(predictor, example)
    joined = join_pair(example.text_a, example.text_b)
    explanation = explainer([joined], max_evals=max_evals, batch_size=batch_size, silent=True)
    _, words = ClassifierWords(predictor.tokenizer, predictor.max_length).spans(joined)
    return shap_explanation(explanation.values[0], words, (example.text_a, example.text_b), target)
