"""IMPACTX's loss: CE(C([m; z]), y) + λ · MSE(D(LEP(x)), R(x)), the MSE over the words of x.

D scores every wordpiece; a word's predicted score is the mean over its pieces, the
project's one wordpiece rule (ielearn/classify/explain/words.py), so the prediction and the
teacher's map R live on the same words. Special tokens and padding belong to no word.
"""

import torch
import torch.nn.functional as F


def piece_means(token_words, words_per_example, tokens):
    """(batch, words, tokens) averaging matrix: row w of example b has 1/n at the n pieces of
    word w. token_words[b][t]: the word index of token t (None for special tokens, padding)."""
    matrix = torch.zeros(len(token_words), max(words_per_example, default=0), tokens)
    for b, owners in enumerate(token_words):
        for t, word in enumerate(owners):
            if word is not None:
                matrix[b, word, t] = 1.0
    counts = matrix.sum(dim=2, keepdim=True).clamp(min=1.0)
    return matrix / counts


def word_map(token_map, averaging):
    """Per-word predicted scores (batch, words) from per-token scores (batch, tokens)."""
    return torch.bmm(averaging.to(token_map), token_map.unsqueeze(-1)).squeeze(-1)


def padded_targets(maps, words):
    """(targets, mask) of shape (batch, words) from per-example lists of word scores."""
    targets, mask = torch.zeros(len(maps), words), torch.zeros(len(maps), words, dtype=torch.bool)
    for b, scores in enumerate(maps):
        targets[b, :len(scores)] = torch.tensor(scores, dtype=torch.float)
        mask[b, :len(scores)] = True
    return targets, mask


def map_term(predicted, targets, mask):
    """Mean squared error over the words of the batch (padding words excluded)."""
    if not mask.any():
        return predicted.sum() * 0.0
    return ((predicted - targets.to(predicted)) ** 2)[mask.to(predicted.device)].mean()


def impactx_terms(logits, labels, predicted, targets, mask):
    """{'ce': the classifier's cross entropy, 'map': the explanation predictor's MSE}."""
    return {"ce": F.cross_entropy(logits, labels), "map": map_term(predicted, targets, mask)}


def impactx_loss(terms, lam):
    """CE + λ·MSE; with λ = 0 the map term is left out of the graph, so D learns nothing."""
    return terms["ce"] + lam * terms["map"] if lam else terms["ce"]
