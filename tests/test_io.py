import os

import pytest

from ielearn.io import atomic_write, read_lines, write_lines


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
