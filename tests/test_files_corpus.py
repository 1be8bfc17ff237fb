import pytest

from ielearn.corpus.files import read_parallel, read_parallel_files
from ielearn.errors import UserError


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
        ("un\r\ndeux\r\n", "one\ntwo\n", r"s\.fr has Windows \(CRLF\)"),
    ],
    ids=["line-count-mismatch", "empty", "invalid-utf8", "crlf"],
)
def test_bad_files_are_one_clear_error_naming_the_file(tmp_path, src_data, tgt_data, message):
    src, tgt = write(tmp_path / "s.fr", src_data), write(tmp_path / "t.en", tgt_data)
    with pytest.raises(UserError, match=message):
        read_parallel(src, tgt, "dataset 'x' train")


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="file not found"):
        read_parallel(tmp_path / "nope.fr", tmp_path / "nope.en", "dataset 'x' train")

