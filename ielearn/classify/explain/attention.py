"""The word the [CLS] token attends to most in the last layer (heads summed).

Words are the tokenizer's pre-tokenized words (whitespace and punctuation split); a word's
score is the sum over its wordpieces. Special tokens ([CLS], [SEP]) and padding belong to no
sentence (`sequence_ids` is None) and are never candidates.
"""

import torch

from ielearn.classify.model import encode


def word_scores(encoding, token_scores, batch_index):
    """{(sentence, word index): [score, first char, last char]} of one encoded example."""
    words = {}
    sequence_ids = encoding.sequence_ids(batch_index)
    word_ids = encoding.word_ids(batch_index)
    offsets = encoding["offset_mapping"][batch_index].tolist()
    for position, (sentence, word) in enumerate(zip(sequence_ids, word_ids)):
        if sentence is None or word is None:
            continue
        start, end = offsets[position]
        entry = words.setdefault((sentence, word), [0.0, start, end])
        entry[0] += float(token_scores[position])
        entry[1], entry[2] = min(entry[1], start), max(entry[2], end)
    return words


def top_word(words, texts):
    """The text of the highest-scoring word (the first one on ties)."""
    (sentence, _), (_, start, end) = max(words.items(), key=lambda item: item[1][0])
    return texts[sentence][start:end]


@torch.inference_mode()
def attention_words(model, tokenizer, examples, batch_size=32, max_length=128):
    """One word per example; examples are batched (padding is masked, so it changes nothing)."""
    pair = examples[0].text_b is not None
    found = []
    for start in range(0, len(examples), batch_size):
        batch = examples[start:start + batch_size]
        encoding = encode(tokenizer, [e.text_a for e in batch], [e.text_b for e in batch] if pair else None,
                          max_length, return_offsets_mapping=True)
        inputs = {k: v for k, v in encoding.items() if k != "offset_mapping"}
        attentions = model(**inputs, output_attentions=True).attentions
        if not attentions or attentions[-1] is None:
            raise RuntimeError("the model returned no attentions: load it with attn_implementation='eager'")
        cls_rows = attentions[-1].sum(dim=1)[:, 0, :]  # last layer, heads summed, row of [CLS]
        for i, example in enumerate(batch):
            texts = (example.text_a, example.text_b)
            found.append(top_word(word_scores(encoding, cls_rows[i], i), texts))
    return found
