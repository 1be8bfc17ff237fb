"""The words a classifier reads (ielearn/classify/explain/words.py: the tokenizer's words of
the input left after truncation, special tokens excluded, punctuation included) as a matrix
from tokens to words, so that a per-token map becomes a per-word map by one product.

A word's value is the mean over its wordpieces, the project's one wordpiece rule
(words.word_scores; the matrix is IMPACTX's piece_means). The mean is linear, so a weighted
sum over heads taken before or after the mapping is the same.
"""

import torch

from ielearn.classify.explain.words import words_of_encoding
from ielearn.classify.impactx.losses import piece_means


def word_map(encoding, batch_size):
    """([batch, words, tokens] averaging matrix, [batch, words] True where the word exists,
    each example's WordList), words padded to the longest example's."""
    offsets = encoding["offset_mapping"]
    found = [words_of_encoding(encoding, offsets[i].tolist(), i) for i in range(batch_size)]
    counts = [len(words) for words in found]
    matrix = piece_means([words.token_words for words in found], counts, offsets.shape[1])
    mask = torch.arange(matrix.shape[1])[None, :] < torch.tensor(counts)[:, None]
    return matrix, mask, found


def word_logits(token_logits, matrix):
    """[batch, heads, tokens] → [batch, heads, words]: each word the mean of its pieces."""
    return torch.einsum("bht,bwt->bhw", token_logits, matrix.to(token_logits.dtype))
