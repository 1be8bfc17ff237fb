"""Extractors on a tiny random BERT: attention by hand, LIME and SHAP against the libraries."""

import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does (see there)

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import shap  # noqa: E402
import torch  # noqa: E402
from lime.lime_text import LimeTextExplainer

from ielearn.classify.examples import Example
from ielearn.classify.explain.attention import attention_words, top_word
from ielearn.classify.explain.words import word_scores
from ielearn.classify.explain.lime_words import lime_explanation, lime_word
from ielearn.classify.explain.pairs import MARKER, join_pair, split_pairs
from ielearn.classify.explain.shap_words import shap_explainer, shap_word
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
               "superb": (cls_row[5] + cls_row[6]) / 2, "overall": cls_row[7]}  # the mean of its pieces
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
    # huge scores on [CLS], [SEP] and padding are never a word's
    scores = torch.tensor([100.0, 1.0, 2.0, 100.0, 100.0, 100.0, 100.0])
    assert top_word(word_scores(encoding, scores, 1), (texts[1], None)) == "dull"
    tokens = tokenizer.convert_ids_to_tokens(encoding["input_ids"][0])
    assert tokens[4:6] == ["super", "##b"]


def test_a_words_score_is_the_mean_of_its_wordpieces_not_their_sum(tiny):
    """[CLS] the film was super ##b [SEP]: superb's pieces 1.5 and 1.5 against film's 2.0.
    The sum (3.0, the rule before issue 27) would pick `superb` for being cut in two; the
    mean (1.5) picks `film`; with pieces 2.5 and 1.5 the mean (2.0) ties and the first wins."""
    _, tokenizer = tiny
    text = "the film was superb"
    encoding = encode(tokenizer, [text], return_offsets_mapping=True)
    words, scores = word_scores(encoding, torch.tensor([9.0, 1.0, 2.0, 1.0, 1.5, 1.5, 9.0]), 0)
    assert scores == pytest.approx([1.0, 2.0, 1.0, 1.5])  # the, film, was, superb
    assert top_word((words, scores), (text, None)) == "film"
    words, scores = word_scores(encoding, torch.tensor([9.0, 1.0, 2.0, 1.0, 2.5, 1.5, 9.0]), 0)
    assert scores[3] == pytest.approx(2.0) and top_word((words, scores), (text, None)) == "film"
    words, scores = word_scores(encoding, torch.tensor([9.0, 1.0, 2.0, 1.0, 3.5, 1.5, 9.0]), 0)
    assert top_word((words, scores), (text, None)) == "superb"


@pytest.mark.parametrize("sentence", SENTENCES[:2])
def test_lime_word_is_the_argmax_of_lime_called_directly(tiny, sentence):
    """No punctuation here, so lime's own \\W+ split gives exactly the classifier's words."""
    model, tokenizer = tiny
    predict = plain_model_fn(model, tokenizer)
    target = int(predict([sentence])[0].argmax())
    direct = LimeTextExplainer(random_state=7, feature_selection="none").explain_instance(
        sentence, predict, labels=(target,), num_features=100, num_samples=300)
    weights = dict(direct.as_list(label=target))
    assert sorted(weights) == sorted(set(sentence.split()))
    ours = lime_word(Predictor(model, tokenizer, batch_size=16), Example(sentence, None, "x"), 300, seed=7)
    assert ours == max(weights, key=weights.get)


@pytest.mark.parametrize("sentence", SENTENCES[2:])
def test_shap_word_is_the_argmax_of_shap_called_directly(tiny, sentence):
    model, tokenizer = tiny
    predict = plain_model_fn(model, tokenizer)
    target = int(predict([sentence])[0].argmax())
    masker = shap.maskers.Text()
    masker.mask_token = ""  # delete hidden words (ielearn's one masking rule; shap refuses "" in its constructor)
    direct = shap.Explainer(predict, masker)([sentence], max_evals=40, silent=True)
    assert [str(t).strip() for t in direct.data[0]] == sentence.split()
    expected = str(direct.data[0][int(direct.values[0][:, target].argmax())]).strip()
    ours = shap_word(Predictor(model, tokenizer, batch_size=16), Example(sentence, None, "x"), 40, 16)
    assert ours == expected


class Scorer:
    """A predictor whose class-1 logit is a sum of word weights: `dull` argues hard against
    class 1, seven words mildly for it and `film` a little more; the prediction is class 1."""

    regression = False
    weights = {"dull": -4.2, "film": 0.9, **dict.fromkeys(["fun", "good", "nice", "warm", "kind", "neat", "cool"], 0.5)}

    def __init__(self, tokenizer):
        self.tokenizer, self.max_length = tokenizer, 64

    def __call__(self, texts_a, texts_b=None):
        logits = np.array([sum(self.weights.get(w.strip(",.?"), 0.0) for w in t.split()) for t in texts_a])
        positive = 1 / (1 + np.exp(-logits))
        return np.stack([1 - positive, positive], axis=1)


def test_the_word_argues_for_the_prediction_not_against_it(tiny):
    """Alg. 2: the argmax of the importance for the predicted label. The largest |weight| is
    `dull`, which argues against the prediction; both explainers must return `film`."""
    _, tokenizer = tiny
    scorer = Scorer(tokenizer)
    example = Example("the film was fun , good , nice , warm , kind , neat , cool but dull .", None, "x")
    assert scorer([example.text_a])[0].argmax() == 1
    explanation, target, candidates = lime_explanation(scorer, example, 500, seed=1)
    assert target == 1 and "," not in candidates and "." not in candidates
    by_size = max(explanation.as_list(label=1), key=lambda pair: abs(pair[1]))[0]
    assert by_size == "dull"
    assert lime_word(scorer, example, 500, seed=1) == "film"
    assert shap_word(scorer, example, 200, 16) == "film"


def test_punctuation_is_never_the_word_and_shap_words_are_bare(tiny):
    """shap's default tokens carry trailing punctuation (`Hamlet,`); ours are the
    classifier's words, and the word is the argmax over the non-punctuation ones."""
    model, tokenizer = tiny
    sentence = "who wrote the film , and when ? fun !"
    predictor = Predictor(model, tokenizer, batch_size=16)
    default = shap.Explainer(plain_model_fn(model, tokenizer), shap.maskers.Text())([sentence], max_evals=40,
                                                                                   silent=True)
    assert any(not str(t).strip().isalnum() for t in default.data[0])  # e.g. ', ' or '? '
    explainer = shap_explainer(predictor, pair=False)
    target = int(predictor([sentence])[0].argmax())
    values = explainer([sentence], max_evals=60, silent=True).values[0][:, target]
    tokens = sentence.split()
    assert len(values) == len(tokens)  # one value per classifier word, punctuation included
    expected = max((t for t in tokens if t.isalnum()), key=lambda t: values[tokens.index(t)])
    assert shap_word(predictor, Example(sentence, None, "x"), 60, 16) == expected
    assert lime_word(predictor, Example(sentence, None, "x"), 200, seed=1).isalnum()
    scores = torch.tensor([0.0] + [100.0 if not t.isalnum() else 1.0 + i for i, t in enumerate(tokens)] + [0.0])
    encoding = encode(tokenizer, [sentence], return_offsets_mapping=True)
    assert top_word(word_scores(encoding, scores, 0), (sentence, None)) == "fun"


def test_regression_explains_the_predicted_score(tmp_path):
    directory = make_tiny_bert(tmp_path / "regression", num_labels=1)
    model, tokenizer = load_classifier(directory), load_tokenizer(directory)
    sentence = SENTENCES[1]

    def score(texts):
        with torch.no_grad():
            return model(**tokenizer(list(texts), padding=True, return_tensors="pt")).logits.numpy()

    direct = LimeTextExplainer(random_state=3, feature_selection="none").explain_instance(
        sentence, score, labels=(0,), num_features=100, num_samples=200)
    weights = dict(direct.as_list(label=0))
    predictor = Predictor(model, tokenizer)
    assert predictor.regression
    # the word that raises the predicted score most (largest signed weight)
    assert lime_word(predictor, Example(sentence, None, "1.5"), 200, seed=3) == max(weights, key=weights.get)


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
