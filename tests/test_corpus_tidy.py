"""Corpora the user cannot edit (official archives, gettext) are normalised by documented rules,
counted in the log and the data card; the official readers split lines at LF only."""

import logging

from ielearn.nmt.corpus.official_formats import read_plain
from ielearn.nmt.corpus.tidy import tidy_corpus


def test_forbidden_characters_become_spaces_and_are_counted(caplog):
    corpus = {"train": (["a\u2028b", "c"], ["x\x00y", "z"]), "valid": (["d"], ["w"]), "test": (["e"], ["v"])}
    with caplog.at_level(logging.WARNING):
        tidy, notes = tidy_corpus(corpus, "dataset 'o'")
    assert tidy["train"] == (["a b", "c"], ["x y", "z"])
    assert notes == ["train: 2 control or line-separator characters replaced by spaces."]
    assert "dataset 'o': train: 2 control" in caplog.text


def test_scored_pairs_with_a_blank_side_are_dropped_from_both_sides():
    corpus = {"train": ([""], ["x"]), "valid": (["a", "", "b"], ["x", "y", " "]),
              "test": (["c"], ["z"])}
    tidy, notes = tidy_corpus(corpus, "dataset 'o'")
    assert tidy["valid"] == (["a"], ["x"])
    assert tidy["train"] == ([""], ["x"])  # the length filter drops it, and counts it
    assert notes == ["valid: 2 pairs with a blank side dropped from both sides (lines 2, 3 of the "
                     "source's order)."]


def test_official_text_is_split_at_lf_only(tmp_path):
    path = tmp_path / "news.de"
    path.write_bytes("eins\fzwei\ndrei\u2028vier\n".encode())
    assert read_plain(path) == ["eins zwei", "drei vier"]
