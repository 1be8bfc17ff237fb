"""The candidates of Alg. 2: the words of the classifier's input, as its tokenizer splits them.

Every extractor ([CLS] attention, LIME, SHAP) and the `random` control choose among the same
candidates, so the arms differ only in how they choose:
- a word is a word of the tokenizer's pre-tokenizer (BERT: whitespace and punctuation split,
  so `city,` is `city` and `,`), located by its offsets in the original text;
- only words the classifier reads count: those left after truncation to `max_length`;
- special tokens ([CLS], [SEP], padding) belong to no sentence and are never words;
- punctuation and symbols are never candidates: a candidate has a letter or digit. An
  input with no such word (e.g. "?!") falls back to its other words, so there is always one.
"""

from typing import NamedTuple


class Word(NamedTuple):
    sentence: int  # 0: text_a, 1: text_b
    start: int  # character offsets in that sentence
    end: int


def is_candidate(text):
    return any(character.isalnum() for character in text)


def input_words(tokenizer, text_a, text_b=None, max_length=None):
    """Every Word the classifier reads, in input order (punctuation included)."""
    encoding = tokenizer(text_a, text_b, truncation=max_length is not None,
                         max_length=max_length, return_offsets_mapping=True)
    return words_of_encoding(encoding, encoding["offset_mapping"])


def words_of_encoding(encoding, offsets, batch_index=0):
    """Words of one (possibly batched) encoding: [Word], and for each token its word's index
    in that list (None for special tokens and padding)."""
    words, index, token_words = [], {}, []
    for position, (sentence, word) in enumerate(zip(encoding.sequence_ids(batch_index),
                                                    encoding.word_ids(batch_index))):
        if sentence is None or word is None:
            token_words.append(None)
            continue
        start, end = offsets[position]
        if (sentence, word) not in index:
            index[(sentence, word)] = len(words)
            words.append(Word(sentence, start, end))
        i = index[(sentence, word)]
        words[i] = Word(sentence, min(words[i].start, start), max(words[i].end, end))
        token_words.append(i)
    return WordList(words, token_words)


class WordList(list):
    """A list of Word with, for each token of the encoding, the index of its word."""

    def __init__(self, words, token_words):
        super().__init__(words)
        self.token_words = token_words


def word_text(word, texts):
    return texts[word.sentence][word.start:word.end]


def candidate_indices(words, texts):
    """Indices of the candidate words among `words` (all of them if none qualifies)."""
    chosen = [i for i, word in enumerate(words) if is_candidate(word_text(word, texts))]
    return chosen or list(range(len(words)))


def candidate_words(tokenizer, text_a, text_b=None, max_length=None):
    """The distinct candidate strings of an example, in order of first appearance."""
    texts = (text_a, text_b)
    words = input_words(tokenizer, text_a, text_b, max_length)
    return list(dict.fromkeys(word_text(words[i], texts) for i in candidate_indices(words, texts)))


def argmax_candidate(scores, words, texts):
    """Text of the candidate word with the highest (signed) score; the first on ties."""
    best = max(candidate_indices(words, texts), key=lambda i: scores[i])
    return word_text(words[best], texts)


def word_scores(encoding, token_scores, batch_index=0):
    """(words of one encoded example, each word's score: the mean over its wordpieces)."""
    offsets = encoding["offset_mapping"][batch_index].tolist()
    words = words_of_encoding(encoding, offsets, batch_index)
    totals, counts = [0.0] * len(words), [0] * len(words)
    for position, word in enumerate(words.token_words):
        if word is not None:
            totals[word] += float(token_scores[position])
            counts[word] += 1
    return words, [total / count for total, count in zip(totals, counts)]
