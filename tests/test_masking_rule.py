"""One masking rule for every explainer and every quality measure: a hidden word is deleted.

LIME (lime's IndexedString, bow), SHAP (ielearn's DeletingText masker on the classifier's
words) and the quality measures (reduced_texts) are called directly on the same sentence
and the same hidden words, and must hand the model the same text (the model wrapper
collapses whitespace: ielearn/classify/explain/pairs.py). shap's default would have
written "..." where a word was."""

import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import shap  # noqa: E402
from lime.lime_text import IndexedString  # noqa: E402

from ielearn.classify.explain.pairs import join_pair, split_pairs  # noqa: E402
from ielearn.classify.explain.shap_words import ClassifierWords, DeletingText  # noqa: E402
from ielearn.classify.explain.words import input_words, word_text  # noqa: E402
from ielearn.classify.model import load_tokenizer  # noqa: E402
from ielearn.classify.quality import reduced_texts  # noqa: E402
from tiny_bert import make_tiny_bert  # noqa: E402


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return load_tokenizer(make_tiny_bert(tmp_path_factory.mktemp("tiny_bert")))


@pytest.mark.parametrize("text_a, text_b, hidden", [
    ("the film was so superb , overall .", None, {"film", "superb"}),
    ("the film was so superb , overall .", None, {"the", ","}),
    ("the book was dull", "so dull a trip", {"dull", "trip"}),
])
def test_lime_shap_and_the_quality_measures_delete_the_same_words(tokenizer, text_a, text_b, hidden):
    texts = (text_a, text_b)
    words = input_words(tokenizer, text_a, text_b)
    tokens = [word_text(w, texts) for w in words]
    joined = join_pair(text_a, text_b)
    pair = text_b is not None
    # the quality measures: every occurrence of the hidden strings deleted
    quality = reduced_texts(texts, words, hidden, keep=False)
    # LIME: its features are the distinct word strings; removing a feature removes every occurrence
    indexed = IndexedString(joined, split_expression=lambda raw: tokens, bow=True)
    removed = [i for i in range(indexed.num_words()) if indexed.word(i) in hidden]
    lime_a, lime_b = split_pairs([indexed.inverse_removing(removed)], pair)
    # SHAP: one feature per occurrence (and the pair marker, never masked); hide every occurrence
    masker = DeletingText(ClassifierWords(tokenizer))
    _, shap_words = ClassifierWords(tokenizer).spans(joined)
    mask = np.array([w is None or word_text(w, texts) not in hidden for w in shap_words])
    shap_a, shap_b = split_pairs(list(masker(mask, joined)[0]), pair)
    assert (lime_a[0], lime_b[0] if pair else None) == quality == (shap_a[0], shap_b[0] if pair else None)
    assert "..." not in shap_a[0] and not any(w in quality[0].split() for w in hidden)


def test_shaps_own_default_would_write_dots(tokenizer):
    """Why the rule needs saying: shap's Text masker, given a tokenizer without a mask token,
    replaces hidden words by "..."."""
    default = shap.maskers.Text(ClassifierWords(tokenizer))
    assert default.mask_token == "..."
    assert "..." in default(np.array([True, False, True]), "the film was")[0][0]
