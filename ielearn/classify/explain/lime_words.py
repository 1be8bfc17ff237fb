"""LIME's word for the model's prediction (lime's LimeTextExplainer), as Alg. 2 asks.

LIME's features are the classifier's own words (ielearn/classify/explain/words.py), given
to lime as its tokens (`split_expression` as a callable; punctuation is a feature too, so
LIME and SHAP perturb the same units). LIME's ridge model is fitted on all of them
(`feature_selection="none"`), and the word is the candidate with the largest *signed*
weight for the predicted class: the word that argues most for the prediction, not the
largest |weight|, which may argue against it. Regression: the weight for the predicted
score, largest positive (the word that raises the score most): Alg. 2's argmax of the
importance, with the score as the quantity explained. `lime_ranking` orders every candidate
by that weight; the word is its head. A hidden feature is deleted (lime's `bow=True`: every
occurrence of the word removed), the masking rule of SHAP and the quality measures too.
"""

from lime.lime_text import LimeTextExplainer

from ielearn.classify.explain.pairs import join_pair, split_pairs, text_offsets
from ielearn.classify.explain.ranking import Explained, rank_by_score
from ielearn.classify.explain.words import candidate_indices, input_words, word_text


def predicted_output(predictor, example):
    """Index of the output to explain: the predicted class, or 0 (the score) for regression."""
    output = predictor([example.text_a], None if example.text_b is None else [example.text_b])[0]
    return 0 if predictor.regression else int(output.argmax())


def classifier_fn(predictor, pair):
    return lambda strings: predictor(*split_pairs(strings, pair))


def lime_explanation(predictor, example, num_samples, seed):
    """(lime's explanation, the explained output, the candidate word strings)."""
    texts = (example.text_a, example.text_b)
    words = input_words(predictor.tokenizer, *texts, max_length=predictor.max_length)
    tokens = [word_text(word, texts) for word in words]
    candidates = list(dict.fromkeys(tokens[i] for i in candidate_indices(words, texts)))
    joined = join_pair(*texts)
    shifts = text_offsets(*texts)
    assert all(joined[shifts[w.sentence] + w.start:shifts[w.sentence] + w.end] == t
               for w, t in zip(words, tokens))
    target = predicted_output(predictor, example)
    explainer = LimeTextExplainer(split_expression=lambda raw: tokens, random_state=seed,
                                  feature_selection="none", bow=True)  # bow: delete, not "UNKWORDZ"
    explanation = explainer.explain_instance(
        joined, classifier_fn(predictor, example.text_b is not None), labels=(target,),
        num_features=len(set(tokens)), num_samples=num_samples,
    )
    return explanation, target, candidates


def lime_explained(predictor, example, num_samples, seed):
    """Explained (ranking.py): the candidates by signed weight for the explained output, best
    first, and every word with its feature's weight (every occurrence of a word shares it)."""
    explanation, target, candidates = lime_explanation(predictor, example, num_samples, seed)
    weights = dict(explanation.as_list(label=target))
    texts = (example.text_a, example.text_b)
    words = [word_text(w, texts) for w in input_words(predictor.tokenizer, *texts, max_length=predictor.max_length)]
    return Explained(rank_by_score({word: weights[word] for word in candidates}), words,
                     [float(weights[word]) for word in words])


def lime_ranking(predictor, example, num_samples, seed):
    """The candidates by signed weight for the explained output, best first."""
    return lime_explained(predictor, example, num_samples, seed).ranking


def lime_word(predictor, example, num_samples, seed):
    return lime_ranking(predictor, example, num_samples, seed)[0]
