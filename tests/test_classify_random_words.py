"""The `random` control's word draw: seeded, a candidate word of the example (the same
candidates as the extractors'), independent of sharding."""

import re

import pytest
from transformers import AutoTokenizer

from ielearn.classify.enrich import enrich
from ielearn.classify.examples import Example, read_examples, write_examples
from ielearn.classify.explain.words import candidate_words
from ielearn.classify.random_words import random_words, write_random_words
from ielearn.classify.shards import shard_bounds
from ielearn.classify.tasks import SYNTHETIC, Task
from ielearn.io import read_lines
from tiny_bert import make_tiny_bert

SENTENCES = [
    "What is the capital of France ?", "Who wrote Hamlet, and when?", "how far is it to the moon",
    "Name a fruit that is red.", "Where do penguins live?", "When did the war end?",
    "Which river is the longest?", "Why is the sky blue?",
] * 5  # 40 examples
EXAMPLES = [Example(text, None, "positive") for text in SENTENCES]


@pytest.fixture(scope="module")
def tokenizer_dir(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny_bert"))


@pytest.fixture(scope="module")
def tokenizer(tokenizer_dir):
    return AutoTokenizer.from_pretrained(tokenizer_dir, use_fast=True)


def test_candidates_are_the_classifiers_words_without_punctuation(tokenizer):
    assert candidate_words(tokenizer, "Who wrote Hamlet, and when? who") == [
        "Who", "wrote", "Hamlet", "and", "when", "who"]  # distinct, punctuation is no word
    assert candidate_words(tokenizer, "A dog runs.", "The dog sleeps") == [
        "A", "dog", "runs", "The", "sleeps"]  # both sentences
    assert candidate_words(tokenizer, "don't stop") == ["don", "t", "stop"]  # as BERT splits
    assert candidate_words(tokenizer, "?!") == ["?", "!"]  # no word at all: its other words
    # only what the classifier reads: [CLS] w1 w2 [SEP] at max_length 4
    assert candidate_words(tokenizer, "one two three four", max_length=4) == ["one", "two"]


def test_the_draw_is_seeded_and_always_a_word_of_its_example(tokenizer):
    words = random_words(EXAMPLES, tokenizer, seed=1)
    assert words == random_words(EXAMPLES, tokenizer, seed=1)
    assert words != random_words(EXAMPLES, tokenizer, seed=2)
    for word, example in zip(words, EXAMPLES, strict=True):
        assert word in re.findall(r"\w+", example.text_a)
    # the same sentence at other indices draws other words: the index is part of the seed
    assert len({w for w, e in zip(words, EXAMPLES) if e.text_a == SENTENCES[0]}) > 1


def test_every_candidate_is_drawn_about_equally_often(tokenizer):
    example = Example("one two three four", None, "x")
    counts = {}
    for word in random_words([example] * 4000, tokenizer, seed=3):
        counts[word] = counts.get(word, 0) + 1
    assert sorted(counts) == ["four", "one", "three", "two"]
    assert all(850 < n < 1150 for n in counts.values()), counts  # expected 1000 each (sd 27)


def test_shards_draw_the_same_words_as_the_whole_split(tokenizer):
    whole = random_words(EXAMPLES, tokenizer, seed=4)
    for shards in (2, 3, 7):
        gathered = []
        for shard in range(shards):
            start, end = shard_bounds(len(EXAMPLES), shard, shards)
            gathered += random_words(EXAMPLES[start:end], tokenizer, seed=4, first_index=start)
        assert gathered == whole


def test_the_second_iteration_draws_from_the_input_the_first_one_enriched(tmp_path, tokenizer_dir):
    """Iteration 2 reads x' of iteration 1, so the word appended first can be drawn again."""
    pair_task = Task(pair=True, labels=("positive", "negative"), metric="accuracy")
    write_examples(tmp_path / "x.tsv", [Example("a b", "c", "positive")] * 30)
    write_random_words(tmp_path / "x.tsv", pair_task, tokenizer_dir, "5-1-test", tmp_path / "w1.txt")
    enrich(tmp_path / "x.tsv", tmp_path / "w1.txt", pair_task, tmp_path / "x1.tsv")
    write_random_words(tmp_path / "x1.tsv", pair_task, tokenizer_dir, "5-2-test", tmp_path / "w2.txt")
    first, second = read_lines(tmp_path / "w1.txt"), read_lines(tmp_path / "w2.txt")
    assert set(first) == {"a", "b", "c"} and set(second) == {"a", "b", "c"}
    assert [e.text_b for e in read_examples(tmp_path / "x1.tsv", pair_task)] == [f"c {w}" for w in first]
    # the iteration is part of the rule's seed: iteration 2 is a new draw, not iteration 1's again
    assert second != first


def test_a_split_file_gets_one_word_per_example(tmp_path, tokenizer_dir, tokenizer):
    write_examples(tmp_path / "x.tsv", EXAMPLES)
    write_random_words(tmp_path / "x.tsv", SYNTHETIC, tokenizer_dir, 1, tmp_path / "words.txt")
    assert read_lines(tmp_path / "words.txt") == random_words(EXAMPLES, tokenizer, seed=1)
