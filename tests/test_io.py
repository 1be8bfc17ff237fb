import errno
import os

import pytest

from ielearn.errors import UserError
from ielearn.io import atomic_write, read_lines, split_lines, write_lines


def test_atomic_write_leaves_nothing_when_the_block_fails(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_outputs_get_the_usual_permissions(tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    write_lines(tmp_path / "out.txt", ["a", "b"])
    assert read_lines(tmp_path / "out.txt") == ["a", "b"]
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o666 & ~umask


def test_lines_end_at_lf_only_as_wc_counts(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("a\fb\nc\u2028d\re\n\nlast".encode())
    assert read_lines(path) == ["a\fb", "c\u2028d\re", "", "last"]
    assert split_lines("") == [] and split_lines("x\n") == ["x"]


def test_a_full_disk_names_the_file_and_leaves_nothing(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(UserError, match=r"no space left on the device of .*out\.txt while writing"):
        with atomic_write(target) as handle:
            handle.write("partial")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []
