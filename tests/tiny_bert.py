"""A tiny randomly initialised BERT classifier with a word-level vocabulary, built in seconds.

`superb` is deliberately missing from the vocabulary, so it is split into `super ##b`
(wordpiece merging is visible in tests).
"""

from pathlib import Path

import torch
from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

from ielearn.classify.datasets.synthetic import synthetic_examples, vocabulary
from ielearn.classify.examples import write_examples

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def make_tiny_bert(directory, num_labels=2, seed=0):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    words = [w for w in vocabulary() if w != "superb"] + ["super", "##b", ".", "?", "|", "a", "b"]
    vocab = {token: i for i, token in enumerate(SPECIALS + words)}
    tokenizer = BertTokenizerFast(vocab=vocab, do_lower_case=True)
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(SPECIALS) + len(words), hidden_size=8, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=8, max_position_embeddings=64,
                        num_labels=num_labels, attn_implementation="eager")
    model = BertForSequenceClassification(config)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def toy_training_data(directory, sizes, seed):
    """`<split>.tsv` of synthetic examples for each {split: count} and a tiny BERT in `tiny/`."""
    directory = Path(directory)
    for split, count in sizes.items():
        write_examples(directory / f"{split}.tsv", synthetic_examples(count, f"{seed}-{split}"))
    make_tiny_bert(directory / "tiny")
    return directory
