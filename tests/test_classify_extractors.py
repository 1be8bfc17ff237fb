"""Extractors on a tiny random BERT: attention by hand, LIME and SHAP against the libraries."""

import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does (see there)

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import shap  # noqa: E402
import torch  # noqa: E402
from lime.lime_text import LimeTextExplainer

from ielearn.classify.examples import Example
from ielearn.classify.explain.attention import attention_words, top_word, word_scores
from ielearn.classify.explain.lime_words import lime_word
from ielearn.classify.explain.pairs import MARKER, join_pair, split_pairs
from ielearn.classify.explain.shap_words import shap_word
from ielearn.classify.model import Predictor, encode, load_classifier, load_tokenizer
from tiny_bert import make_tiny_bert

torch.set_num_threads(1)  # tiny model: threads only fight over the 2 cores

SENTENCES = ["the film was so superb overall", "this book was really dull to me",
             "our trip was quite fun", "the show was rather bland at times"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = make_tiny_bert(tmp_path_factory.mktemp("tiny_bert"))
    return load_classifier(directory), load_tokenizer(directory)


def plain_model_fn(model, tokenizer):
    """The model as lime/shap users would wrap it: no cache, no batching tricks."""
    def predict(texts):
        with torch.no_grad():
            logits = model(**tokenizer(list(texts), padding=True, return_tensors="pt")).logits
        return torch.softmax(logits, dim=-1).numpy()
    return predict


def test_attention_word_equals_hand_computation(tiny):
    model, tokenizer = tiny
    sentence = SENTENCES[0]
    tokens = tokenizer(sentence, return_tensors="pt")
    assert tokenizer.convert_ids_to_tokens(tokens["input_ids"][0]) == [
        "[CLS]", "the", "film", "was", "so", "super", "##b", "overall", "[SEP]"]
    with torch.no_grad():
        attentions = model(**tokens, output_attentions=True).attentions
    cls_row = attentions[-1][0].sum(dim=0)[0]  # last layer, heads summed, [CLS] row
    by_word = {"the": cls_row[1], "film": cls_row[2], "was": cls_row[3], "so": cls_row[4],
               "superb": cls_row[5] + cls_row[6], "overall": cls_row[7]}
    expected = max(by_word, key=lambda word: float(by_word[word]))
    assert attention_words(model, tokenizer, [Example(sentence, None, "positive")]) == [expected]


def test_attention_batched_with_padding_equals_one_by_one(tiny):
    model, tokenizer = tiny
    examples = [Example(s, None, "positive") for s in SENTENCES]
    one_by_one = [attention_words(model, tokenizer, [e])[0] for e in examples]
    assert attention_words(model, tokenizer, examples, batch_size=4) == one_by_one


def test_special_tokens_and_padding_never_chosen_and_wordpieces_merged(tiny):
    _, tokenizer = tiny
    texts = ["the film was superb", "so dull"]
    encoding = encode(tokenizer, texts, return_offsets_mapping=True)
    tokens = tokenizer.convert_ids_to_tokens(encoding["input_ids"][1])
    assert tokens == ["[CLS]", "so", "dull", "[SEP]", "[PAD]", "[PAD]", "[PAD]"]
    # huge scores on [CLS], [SEP] and padding; among words, `super` + `##b` win only together
    scores = torch.tensor([100.0, 1.0, 2.0, 100.0, 100.0, 100.0, 100.0])
    assert top_word(word_scores(encoding, scores, 1), (texts[1], None)) == "dull"
    scores = torch.tensor([100.0, 1.0, 2.0, 1.5, 1.5, 1.5, 100.0])  # the film was super ##b
    tokens = tokenizer.convert_ids_to_tokens(encoding["input_ids"][0])
    assert tokens[4:6] == ["super", "##b"]
    assert top_word(word_scores(encoding, scores, 0), (texts[0], None)) == "superb"


@pytest.mark.parametrize("sentence", SENTENCES[:2])
def test_lime_word_equals_lime_called_directly(tiny, sentence):
    model, tokenizer = tiny
    predict = plain_model_fn(model, tokenizer)
    target = int(predict([sentence])[0].argmax())
    direct = LimeTextExplainer(random_state=7).explain_instance(
        sentence, predict, labels=(target,), num_samples=300)
    ours = lime_word(Predictor(model, tokenizer, batch_size=16), Example(sentence, None, "x"), 300, seed=7)
    assert ours == direct.as_list(label=target)[0][0]


@pytest.mark.parametrize("sentence", SENTENCES[2:])
def test_shap_word_equals_shap_called_directly(tiny, sentence):
    model, tokenizer = tiny
    predict = plain_model_fn(model, tokenizer)
    target = int(predict([sentence])[0].argmax())
    direct = shap.Explainer(predict, shap.maskers.Text())([sentence], max_evals=40, silent=True)
    values = np.abs(direct.values[0][:, target])
    expected = str(direct.data[0][int(values.argmax())]).strip()
    ours = shap_word(Predictor(model, tokenizer, batch_size=16), Example(sentence, None, "x"), 40, 16)
    assert ours == expected


def test_regression_explains_the_predicted_score(tmp_path):
    directory = make_tiny_bert(tmp_path / "regression", num_labels=1)
    model, tokenizer = load_classifier(directory), load_tokenizer(directory)
    sentence = SENTENCES[1]

    def score(texts):
        with torch.no_grad():
            return model(**tokenizer(list(texts), padding=True, return_tensors="pt")).logits.numpy()

    direct = LimeTextExplainer(random_state=3).explain_instance(sentence, score, labels=(0,), num_samples=200)
    predictor = Predictor(model, tokenizer)
    assert predictor.regression
    assert lime_word(predictor, Example(sentence, None, "1.5"), 200, seed=3) == direct.as_list(label=0)[0][0]


def test_pairs_keep_the_marker_and_pick_a_real_word(tiny):
    model, tokenizer = tiny
    example = Example("the film was fun", "the play was dull", "positive")
    joined = join_pair(example.text_a, example.text_b)
    assert split_pairs([joined, f"the ... {MARKER}play dull"], pair=True) == (
        ["the film was fun", "the ..."], ["the play was dull", "play dull"])
    predictor = Predictor(model, tokenizer, batch_size=16)
    words = set("the film was fun the play was dull".split())
    assert lime_word(predictor, example, 100, seed=1) in words
    assert shap_word(predictor, example, 30, 16) in words
    assert attention_words(model, tokenizer, [example])[0] in words


def test_predictor_runs_each_distinct_text_once(tiny):
    model, tokenizer = tiny
    predictor = Predictor(model, tokenizer, batch_size=2)
    outputs = predictor(["so dull", "the film was fun", "so dull", "so dull"])
    assert predictor.calls == 2
    np.testing.assert_allclose(outputs[0], outputs[2])
    np.testing.assert_allclose(outputs.sum(axis=1), 1, rtol=1e-5)
    direct = plain_model_fn(model, tokenizer)(["the film was fun"])[0]
    np.testing.assert_allclose(outputs[1], direct, rtol=1e-4, atol=1e-6)
