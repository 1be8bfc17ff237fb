import re

import pytest

from ielearn.errors import UserError
from ielearn.nmt.corpus.files import read_parallel, read_parallel_files


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_good_files_are_read_split_by_split(tmp_path):
    files = {}
    for split in ("train", "valid", "test"):
        files[split] = {
            "src": write(tmp_path / f"{split}.fr", "Bonjour .\nMerci .\n"),
            "tgt": write(tmp_path / f"{split}.en", "Hello .\nThanks .\n"),
        }
    corpus = read_parallel_files(files, "mine")
    assert corpus["test"] == (["Bonjour .", "Merci ."], ["Hello .", "Thanks ."])


@pytest.mark.parametrize(
    "src_data,tgt_data,message",
    [
        ("un\ndeux\n", "one\n", r"s\.fr has 2 lines but .*t\.en has 1"),
        ("", "", r"s\.fr is empty"),
        (b"ok\ncaf\xe9\n", "ok\ncafe\n", r"s\.fr is not valid UTF-8 \(line 2"),
        ("un\r\ndeux\r\n", "one\ntwo\n", r"s\.fr line 1, column 3: U\+000D CARRIAGE RETURN; Windows \(CRLF\)"),
    ],
    ids=["line-count-mismatch", "empty", "invalid-utf8", "crlf"],
)
def test_bad_files_are_one_clear_error_naming_the_file(tmp_path, src_data, tgt_data, message):
    src, tgt = write(tmp_path / "s.fr", src_data), write(tmp_path / "t.en", tgt_data)
    with pytest.raises(UserError, match=message):
        read_parallel(src, tgt, "dataset 'x' train")


@pytest.mark.parametrize(
    "char,name",
    [("\f", "U+000C FORM FEED"), ("\v", "U+000B LINE TABULATION"), ("\x1c", "U+001C"),
     ("\x1e", "U+001E"), ("\x85", "U+0085 NEXT LINE"), ("\u2028", "U+2028 LINE SEPARATOR"),
     ("\u2029", "U+2029 PARAGRAPH SEPARATOR"), ("\x00", "U+0000 NUL"), ("\x07", "U+0007"),
     ("\ufeff", "U+FEFF BYTE ORDER MARK"), ("\r", "U+000D CARRIAGE RETURN")],
)
def test_a_character_other_tools_split_or_hide_is_refused_with_line_and_column(tmp_path, char, name):
    """`wc -l` counts 3 lines in each file; splitlines would count 4 in s.fr and shift pairs."""
    src = write(tmp_path / "s.fr", f"un\ndeux{char}trois\nquatre\n")
    tgt = write(tmp_path / "t.en", "one\ntwo three\nfour\n")
    with pytest.raises(UserError, match=rf"s\.fr line 2, column 5: {re.escape(name)}.*; "):
        read_parallel(src, tgt, "dataset 'x' test")


def test_a_byte_order_mark_is_named_with_its_fix(tmp_path):
    src = write(tmp_path / "s.fr", "\ufeffun\n")
    with pytest.raises(UserError, match=r"line 1, column 1: U\+FEFF BYTE ORDER MARK .* without a BOM"):
        read_parallel(src, write(tmp_path / "t.en", "one\n"), "dataset 'x' train")


def test_lines_are_what_wc_counts_and_tabs_are_kept(tmp_path):
    src = write(tmp_path / "s.fr", "un\tdeux\ntrois")  # no final newline: still a line
    tgt = write(tmp_path / "t.en", "one two\nthree\n")
    assert read_parallel(src, tgt, "dataset 'x' train") == (["un\tdeux", "trois"], ["one two", "three"])


@pytest.mark.parametrize("split", ["valid", "test"])
def test_a_blank_scored_line_is_refused(tmp_path, split):
    files = {s: {"src": write(tmp_path / f"{s}.fr", "un\ndeux\n"),
                 "tgt": write(tmp_path / f"{s}.en", "one\ntwo\n")} for s in ("train", "valid", "test")}
    write(tmp_path / f"{split}.en", "one\n \n")
    with pytest.raises(UserError, match=rf"{split} target: .*{split}\.en line 2 is blank"):
        read_parallel_files(files, "mine")


def test_a_blank_train_line_is_left_to_the_length_filter(tmp_path):
    src, tgt = write(tmp_path / "s.fr", "un\n\n"), write(tmp_path / "t.en", "one\ntwo\n")
    assert read_parallel(src, tgt, "dataset 'x' train") == (["un", ""], ["one", "two"])


def test_a_directory_is_named_as_such(tmp_path):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(UserError, match=r"corpus is a directory; give the path of a text file"):
        read_parallel(tmp_path / "corpus", tmp_path / "corpus", "dataset 'x' train")


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="file not found"):
        read_parallel(tmp_path / "nope.fr", tmp_path / "nope.en", "dataset 'x' train")

