"""Every explainer's full ranking: its head is the word the explainer appends (computed here
the way the word was before rankings: the argmax of the importance for the prediction), and
the rest follow by that importance."""

import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does

import random  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from ielearn.classify.examples import Example  # noqa: E402
from ielearn.classify.explain.attention import attention_rankings, top_word  # noqa: E402
from ielearn.classify.explain.words import word_scores  # noqa: E402
from ielearn.classify.explain.lime_words import lime_explained, lime_explanation, lime_ranking  # noqa: E402
from ielearn.classify.explain.pairs import join_pair  # noqa: E402
from ielearn.classify.explain.ranking import rank_candidates, read_rankings, write_rankings  # noqa: E402
from ielearn.classify.explain.shap_words import (  # noqa: E402
    THREAD_RANDOM,
    ClassifierWords,
    shap_explained,
    shap_explainer,
    shap_ranking,
)
from ielearn.classify.explain.words import argmax_candidate, candidate_words, input_words, word_text  # noqa: E402
from ielearn.classify.model import Predictor, encode, load_classifier, load_tokenizer  # noqa: E402
from ielearn.classify.random_words import random_rankings, random_words  # noqa: E402
from tiny_bert import make_tiny_bert  # noqa: E402

torch.set_num_threads(1)
EXAMPLES = [Example("the film was so superb , the film !", None, "x"), Example("our trip was quite fun", None, "x"),
            Example("the show was bland", "the play was fun", "x")]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = make_tiny_bert(tmp_path_factory.mktemp("tiny_bert"))
    return load_classifier(directory), load_tokenizer(directory)


def test_rank_candidates_orders_distinct_words_by_their_best_occurrence(tiny):
    _, tokenizer = tiny
    text = "the film , the dull film"
    encoding = encode(tokenizer, [text], return_offsets_mapping=True)
    # [CLS] the film , the dull film [SEP]: `the` scores 1 and 4, `film` 3 and 2, `,` 9
    scores = torch.tensor([0.0, 1.0, 3.0, 9.0, 4.0, 2.5, 2.0, 0.0])
    words, per_word = word_scores(encoding, scores, 0)
    assert rank_candidates(per_word, words, (text, None)) == ["the", "film", "dull"]
    for trial in range(20):  # the head is always argmax_candidate's word
        scores = torch.tensor(np.random.default_rng(trial).normal(size=8))
        words, per_word = word_scores(encoding, scores, 0)
        assert rank_candidates(per_word, words, (text, None))[0] == argmax_candidate(per_word, words, (text, None))
    # ties: the first to appear
    assert rank_candidates([1.0, 1.0, 1.0], words[:3], (text, None)) == ["the", "film"]


def test_attention_ranking_head_is_the_attention_word(tiny):
    model, tokenizer = tiny
    rankings = attention_rankings(model, tokenizer, EXAMPLES[:2]) + attention_rankings(model, tokenizer, EXAMPLES[2:])
    for example, ranking in zip(EXAMPLES, rankings):  # a task's examples are all pairs or none
        texts = (example.text_a, example.text_b)
        encoding = encode(tokenizer, [example.text_a], None if example.text_b is None else [example.text_b],
                          return_offsets_mapping=True)
        with torch.no_grad():
            inputs = {k: v for k, v in encoding.items() if k != "offset_mapping"}
            cls_row = model(**inputs, output_attentions=True).attentions[-1].sum(dim=1)[0, 0]
        assert ranking[0] == top_word(word_scores(encoding, cls_row, 0), texts)
        assert sorted(ranking) == sorted(candidate_words(tokenizer, *texts))


def test_lime_ranking_head_is_lime_word_and_follows_the_weights(tiny):
    model, tokenizer = tiny
    predictor = Predictor(model, tokenizer, batch_size=16)
    for example in EXAMPLES:
        explanation, target, candidates = lime_explanation(predictor, example, 100, seed=5)
        weights = dict(explanation.as_list(label=target))
        ranking = lime_ranking(predictor, example, 100, seed=5)
        assert ranking[0] == max(candidates, key=lambda word: weights[word])  # the word before rankings
        assert sorted(ranking) == sorted(candidates)
        assert [weights[w] for w in ranking] == sorted((weights[w] for w in ranking), reverse=True)


def test_shap_ranking_head_is_the_argmax_of_the_values(tiny):
    model, tokenizer = tiny
    predictor = Predictor(model, tokenizer, batch_size=16)
    for example in EXAMPLES:
        texts = (example.text_a, example.text_b)
        joined = join_pair(*texts)
        target = int(predictor([example.text_a], None if example.text_b is None else [example.text_b])[0].argmax())
        THREAD_RANDOM.seed_thread(0)  # shap's tie-break draws, as the ranking below makes them
        values = shap_explainer(predictor, example.text_b is not None)([joined], max_evals=30,
                                                                      silent=True).values[0][:, target]
        _, words = ClassifierWords(tokenizer).spans(joined)
        rows = [i for i, word in enumerate(words) if word is not None]
        expected = argmax_candidate([values[i] for i in rows], [words[i] for i in rows], texts)
        THREAD_RANDOM.seed_thread(0)
        assert shap_ranking(predictor, example, 30, 16)[0] == expected


def test_random_ranking_is_a_seeded_permutation_headed_by_the_random_word(tiny):
    _, tokenizer = tiny
    rankings = random_rankings(EXAMPLES, tokenizer, "7-1-test", first_index=3)
    for index, (example, ranking) in enumerate(zip(EXAMPLES, rankings), start=3):
        candidates = candidate_words(tokenizer, example.text_a, example.text_b)
        assert ranking[0] == random.Random(f"7-1-test-{index}").choice(candidates)  # today's draw
        assert sorted(ranking) == sorted(candidates)
    assert random_words(EXAMPLES, tokenizer, "7-1-test", first_index=3) == [r[0] for r in rankings]
    assert random_rankings(EXAMPLES, tokenizer, "7-1-test", first_index=3) == rankings
    # the permutation is not always the input order
    orders = {tuple(random_rankings(EXAMPLES[:1], tokenizer, f"s{i}")[0]) for i in range(20)}
    assert len(orders) > 5


def test_rankings_file_round_trip(tmp_path):
    rankings = [["l'été", "what"], ["x"]]
    write_rankings(tmp_path / "r.txt", rankings)
    assert read_rankings(tmp_path / "r.txt") == rankings


def test_every_words_score_is_limes_weight_and_shaps_value_called_directly(tiny):
    """The per-word scores the extraction exports (the teacher maps of IMPACTX): lime's own
    weight of each word's feature and shap's own value of each word, in input order."""
    model, tokenizer = tiny
    predictor = Predictor(model, tokenizer, batch_size=16)
    for example in EXAMPLES:
        texts = (example.text_a, example.text_b)
        words = [word_text(w, texts) for w in input_words(tokenizer, *texts)]
        explanation, target, _ = lime_explanation(predictor, example, 100, seed=5)
        weights = dict(explanation.as_list(label=target))
        lime = lime_explained(predictor, example, 100, seed=5)
        assert lime.words == words and lime.scores == [weights[word] for word in words]
        joined = join_pair(*texts)
        THREAD_RANDOM.seed_thread(0)
        values = shap_explainer(predictor, example.text_b is not None)([joined], max_evals=30,
                                                                      silent=True).values[0][:, target]
        rows = [i for i, word in enumerate(ClassifierWords(tokenizer).spans(joined)[1]) if word is not None]
        THREAD_RANDOM.seed_thread(0)
        shap = shap_explained(predictor, example, 30, 16)
        assert shap.words == words and shap.scores == pytest.approx([values[i] for i in rows], abs=1e-6)
        assert shap.ranking[0] == argmax_candidate(shap.scores, input_words(tokenizer, *texts), texts)
