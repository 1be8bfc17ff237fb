"""The word the [CLS] token attends to most in the last layer (heads summed).

Words and candidates are those of ielearn/classify/explain/words.py (the tokenizer's words,
punctuation and special tokens excluded); a word's score is the mean over its wordpieces
(words.word_scores, the rule SCC's layer follows too; it was the sum before issue 27).
`attention_rankings` orders every candidate by that score (ielearn/classify/explain/ranking.py).
"""

import torch

from ielearn.classify.explain.ranking import explained, top_words
from ielearn.classify.explain.words import argmax_candidate, word_scores
from ielearn.classify.model import encoded_batches


def top_word(scored, texts):
    """The text of the highest-scoring candidate word (the first one on ties)."""
    words, scores = scored
    return argmax_candidate(scores, words, texts)


def attention_words(model, tokenizer, examples, batch_size=32, max_length=128):
    """One word per example: the head of its ranking."""
    return top_words(attention_rankings(model, tokenizer, examples, batch_size, max_length))


def attention_rankings(model, tokenizer, examples, batch_size=32, max_length=128):
    """Each example's candidates, best first; examples are batched."""
    return [e.ranking for e in attention_explained(model, tokenizer, examples, batch_size, max_length)]


@torch.inference_mode()
def attention_explained(model, tokenizer, examples, batch_size=32, max_length=128):
    """Each example's Explained (ranking.py): its words' [CLS] attention and their ranking."""
    found = []
    for batch, encoding, inputs in encoded_batches(model, tokenizer, examples, batch_size, max_length):
        attentions = model(**inputs, output_attentions=True).attentions
        if not attentions or attentions[-1] is None:
            raise RuntimeError("the model returned no attentions: load it with attn_implementation='eager'")
        cls_rows = attentions[-1].sum(dim=1)[:, 0, :].float().cpu()  # last layer, heads summed, [CLS] row
        for i, example in enumerate(batch):
            texts = (example.text_a, example.text_b)
            words, scores = word_scores(encoding, cls_rows[i], i)
            found.append(explained(scores, words, texts))
    return found
