"""SCC's sparse coding layer as an explainer: each candidate word's importance M (eq. 3).

The layer reads the hidden states of the classifier it was trained with (no Gumbel noise at
inference: M is the layer's probability). Words and candidates are those of words.py, like
every other explainer. A word's score is the mean of M over its wordpieces, the one rule of
every explainer that scores pieces (words.word_scores: a mean keeps M a probability and does
not favour words split into many pieces). Its
top word is appended like the others' (Alg. 2 and 4); its full ranking serves the
explanation-quality measures.
"""

import torch

from ielearn.classify.explain.ranking import best_candidate_scores, explained, rank_by_score
from ielearn.classify.explain.words import argmax_candidate, word_scores
from ielearn.classify.model import encoded_batches


@torch.inference_mode()
def scc_scored(model, layer, tokenizer, examples, batch_size=32, max_length=128):
    """Per example: (its words, each word's importance)."""
    scored = []
    for batch, encoding, inputs in encoded_batches(model, tokenizer, examples, batch_size, max_length):
        importances = layer(model(**inputs, output_hidden_states=True).hidden_states).float().cpu()
        scored += [word_scores(encoding, importances[i], i) for i in range(len(batch))]
    return scored


def scc_words(model, layer, tokenizer, examples, batch_size=32, max_length=128):
    """The top candidate word of each example (the first on ties)."""
    scored = scc_scored(model.eval(), layer.eval(), tokenizer, examples, batch_size, max_length)
    return [argmax_candidate(scores, words, (e.text_a, e.text_b)) for (words, scores), e in zip(scored, examples)]


def scc_rankings(model, layer, tokenizer, examples, batch_size=32, max_length=128):
    """Each example's distinct candidate words, most important first: [[(word, score), ...]].
    A word that occurs twice takes its best score; ties keep the order of first appearance."""
    scored = scc_scored(model.eval(), layer.eval(), tokenizer, examples, batch_size, max_length)
    rankings = []
    for (words, scores), example in zip(scored, examples):
        best = best_candidate_scores(scores, words, (example.text_a, example.text_b))
        rankings.append([(word, best[word]) for word in rank_by_score(best)])
    return rankings


def scc_explained(model, layer, tokenizer, examples, batch_size=32, max_length=128):
    """Each example's Explained (ranking.py): every word's importance M and the candidates by it."""
    scored = scc_scored(model.eval(), layer.eval(), tokenizer, examples, batch_size, max_length)
    return [explained(scores, words, (e.text_a, e.text_b)) for (words, scores), e in zip(scored, examples)]
