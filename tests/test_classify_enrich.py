"""x' = x + word: the appended words always survive the classifier's truncation."""

import logging

import pytest
from transformers import AutoTokenizer

from ielearn.classify.enrich import enrich, fit_appended
from ielearn.classify.examples import Example, read_examples, write_examples
from ielearn.classify.tasks import SYNTHETIC, Task
from ielearn.io import write_lines
from tiny_bert import make_tiny_bert

PAIR = Task(pair=True, labels=("positive", "negative"), metric="accuracy")


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return AutoTokenizer.from_pretrained(make_tiny_bert(tmp_path_factory.mktemp("tok")), use_fast=True)


def seen(tokenizer, example, max_length):
    """The tokens the classifier reads (its own truncation), specials dropped."""
    ids = tokenizer(example.text_a, example.text_b, truncation=True, max_length=max_length)["input_ids"]
    return [t for t in tokenizer.convert_ids_to_tokens(ids) if t not in ("[CLS]", "[SEP]")]


def test_a_long_input_loses_its_own_end_not_the_appended_word(tokenizer):
    long = Example("the film was so fun and the book was dull too fun", None, "x")
    appended = Example(f"{long.text_a} superb", None, "x")
    assert seen(tokenizer, appended, 8)[-1] != "##b"  # plain truncation cuts `superb` away
    fitted, cut = fit_appended(tokenizer, appended, 1, 8)
    assert cut and fitted.text_a == "the film was so superb"  # [CLS] 4 words super ##b [SEP]
    assert seen(tokenizer, fitted, 8)[-2:] == ["super", "##b"]
    short = Example("so fun superb", None, "x")
    assert fit_appended(tokenizer, short, 1, 8) == (short, False)


def test_the_second_iteration_keeps_both_appended_words(tokenizer):
    x2 = Example("the film was so fun and the book was dull fun film", None, "x")  # + fun, film
    fitted, cut = fit_appended(tokenizer, x2, 2, 8)
    assert cut and fitted.text_a == "the film was so fun film"
    assert seen(tokenizer, fitted, 8) == fitted.text_a.split()


def test_a_pair_cuts_its_longer_original_sentence(tokenizer):
    pair = Example("the film was so fun and dull", "the book was dull fun", "x")  # + fun
    fitted, cut = fit_appended(tokenizer, pair, 1, 12)
    assert cut and fitted.text_b.endswith("dull fun")
    assert len(tokenizer(fitted.text_a, fitted.text_b)["input_ids"]) <= 12
    assert fitted.text_a.split()[:4] == ["the", "film", "was", "so"] and len(fitted.text_a.split()) < 7
    assert seen(tokenizer, fitted, 12)[-1] == "fun"


def test_enrich_counts_the_cut_examples_in_the_log(tmp_path, tokenizer, caplog):
    write_examples(tmp_path / "x.tsv", [Example("so fun", None, "positive"),
                                        Example("the film was so fun and the book", None, "negative")])
    write_lines(tmp_path / "w.txt", ["fun", "dull"])
    with caplog.at_level(logging.INFO):
        enrich(tmp_path / "x.tsv", tmp_path / "w.txt", SYNTHETIC, tmp_path / "x1.tsv", tokenizer, 6)
    texts = [e.text_a for e in read_examples(tmp_path / "x1.tsv", SYNTHETIC)]
    assert texts == ["so fun fun", "the film was dull"]
    assert "cut the original text of 1 of 2 examples" in caplog.text
