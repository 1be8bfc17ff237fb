import pytest

from ielearn.corpus.files import copy_parallel_files, read_parallel
from ielearn.errors import UserError


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_good_files_are_copied(tmp_path):
    files = {}
    for split in ("train", "valid", "test"):
        files[split] = {
            "src": write(tmp_path / f"{split}.fr", "Bonjour .\nMerci .\n"),
            "tgt": write(tmp_path / f"{split}.en", "Hello .\nThanks .\n"),
        }
    out = {(s, side): tmp_path / "out" / f"{s}.{side}" for s in files for side in ("src", "tgt")}
    copy_parallel_files(files, out, "mine")
    assert (tmp_path / "out" / "test.tgt").read_text() == "Hello .\nThanks .\n"


def test_line_count_mismatch_names_both_files(tmp_path):
    src = write(tmp_path / "a.fr", "un\ndeux\n")
    tgt = write(tmp_path / "a.en", "one\n")
    with pytest.raises(UserError, match=r"a\.fr has 2 lines but .*a\.en has 1"):
        read_parallel(src, tgt, "dataset 'x' train")


def test_empty_corpus(tmp_path):
    src, tgt = write(tmp_path / "e.fr", ""), write(tmp_path / "e.en", "")
    with pytest.raises(UserError, match=r"e\.fr is empty"):
        read_parallel(src, tgt, "dataset 'x' train")


def test_invalid_utf8_names_file_and_line(tmp_path):
    src = write(tmp_path / "bad.fr", b"ok\ncaf\xe9\n")
    tgt = write(tmp_path / "bad.en", "ok\ncafe\n")
    with pytest.raises(UserError, match=r"bad\.fr is not valid UTF-8 \(line 2"):
        read_parallel(src, tgt, "dataset 'x' train")


def test_crlf_line_ends(tmp_path):
    src = write(tmp_path / "win.fr", "un\r\ndeux\r\n")
    tgt = write(tmp_path / "win.en", "one\ntwo\n")
    with pytest.raises(UserError, match=r"win\.fr has Windows \(CRLF\)"):
        read_parallel(src, tgt, "dataset 'x' train")


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="file not found"):
        read_parallel(tmp_path / "nope.fr", tmp_path / "nope.en", "dataset 'x' train")
