"""The torch-free tokenizer of the tokenize-only stages (ielearn/classify/text_tokenizer.py)
against transformers' AutoTokenizer, the reference those stages used before: the same token
ids, offsets, words and sentences, with and without truncation, on the offline MiniLM, the
tests' tiny BERT and a folder saved by transformers after a truncating, padding call (as a
trained classifier's is); and the same candidate words and fitted x' from the stages."""

import shutil
import subprocess
import sys

import pytest
from transformers import AutoTokenizer

from ielearn.classify.enrich import fit_appended
from ielearn.classify.examples import Example
from ielearn.classify.explain.words import candidate_words, input_words
from ielearn.classify.pretrained import pretrained_path
from ielearn.classify.text_tokenizer import TextTokenizer, load_text_tokenizer
from tiny_bert import make_tiny_bert

PAIRS = [
    ("What is the capital of Brazil ?", None),
    ("How far is it from Denver to Aspen?", None),
    ("Héllo, wörld!! café's naïve—test 1,000.5 $ e-mail@host.org", None),
    ("日本語 テキスト 中文 and ümlauts", None),
    ("  spaces   and\ttabs\n inside ", None),
    ("the movie was superb , truly superb", "a second sentence , with a question ?"),
    ("a b c d e f g h i j k l m n o p q r s t u v w x y z " * 3, "short pair"),
    ("short", "a much longer second sentence that has to lose words when truncated " * 2),
]
MAX_LENGTHS = (None, 6, 12, 30)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("tokenizers")
    tiny = make_tiny_bert(root / "tiny_bert")
    # saved by transformers after a truncating, padding call, as cls_train saves a classifier
    saved = AutoTokenizer.from_pretrained(pretrained_path("minilm"), use_fast=True)
    saved("a text", truncation=True, max_length=7, padding="max_length")
    saved.save_pretrained(root / "saved_after_use")
    return {"minilm": "minilm", "tiny_bert": str(tiny), "saved_after_use": str(root / "saved_after_use")}


def encodings(tokenizer, text_a, text_b, max_length):
    encoding = tokenizer(text_a, text_b, truncation=max_length is not None, max_length=max_length,
                         return_offsets_mapping=True)
    return (list(encoding["input_ids"]), [tuple(span) for span in encoding["offset_mapping"]],
            list(encoding.word_ids(0)), list(encoding.sequence_ids(0)))


@pytest.mark.parametrize("name", ["minilm", "tiny_bert", "saved_after_use"])
def test_every_encoding_equals_transformers(folders, name):
    light = load_text_tokenizer(folders[name])
    reference = AutoTokenizer.from_pretrained(pretrained_path(folders[name]), use_fast=True)
    assert isinstance(light, TextTokenizer)
    compared = 0
    for text_a, text_b in PAIRS:
        for max_length in MAX_LENGTHS:
            assert encodings(light, text_a, text_b, max_length) == encodings(reference, text_a, text_b, max_length), \
                (text_a, text_b, max_length)
            compared += 1
    assert compared == len(PAIRS) * len(MAX_LENGTHS)


@pytest.mark.parametrize("name", ["minilm", "tiny_bert"])
def test_the_stages_answers_equal_transformers(folders, name):
    light = load_text_tokenizer(folders[name])
    reference = AutoTokenizer.from_pretrained(pretrained_path(folders[name]), use_fast=True)
    for text_a, text_b in PAIRS:
        assert candidate_words(light, text_a, text_b, 12) == candidate_words(reference, text_a, text_b, 12)
        assert input_words(light, text_a, text_b) == input_words(reference, text_a, text_b)
        example = Example(f"{text_a} | superb", text_b, "0") if text_b is None else Example(text_a, f"{text_b} | superb", "0")
        assert fit_appended(light, example, 1, 16) == fit_appended(reference, example, 1, 16)


def test_a_truncation_keeps_the_sentence_it_shortens(folders):
    """A hand-checked case: longest_first cuts the longer sentence, and the pair keeps its
    [CLS] a [SEP] b [SEP] frame."""
    light = load_text_tokenizer(folders["tiny_bert"])
    ids, _, _, sentences = encodings(light, "a", "b b b b b b b b", 6)
    assert len(ids) == 6 and sentences == [None, 0, None, 1, 1, None]


def test_truncation_without_a_length_is_refused(folders):
    with pytest.raises(ValueError, match="max_length"):
        load_text_tokenizer(folders["tiny_bert"])("a b", truncation=True)


def test_a_folder_without_tokenizer_json_loads_through_transformers(tmp_path):
    minilm = pretrained_path("minilm")
    for name in ("vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "config.json"):
        shutil.copy(f"{minilm}/{name}", tmp_path / name)
    tokenizer = load_text_tokenizer(str(tmp_path))
    assert not isinstance(tokenizer, TextTokenizer)
    reference = load_text_tokenizer("minilm")
    assert encodings(tokenizer, *PAIRS[0], None) == encodings(reference, *PAIRS[0], None)


def test_loading_and_tokenizing_import_no_torch():
    probe = ("import sys; from ielearn.classify.text_tokenizer import load_text_tokenizer; "
             "load_text_tokenizer('minilm')('a question ?', 'two', truncation=True, max_length=4); "
             "print(sorted({'torch', 'transformers'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"
