"""Fetching wheels with pip: the error a user sees when the index cannot be reached."""

import os

import pytest

from ielearn.errors import UserError
from ielearn.nmt.corpus.wheels import download_wheel, find_wheel, parse_pin, wheel_dir


def test_pins_and_cache_paths():
    assert parse_pin("jupyterlab-language-pack-fr-fr==4.5.post3") == (
        "jupyterlab-language-pack-fr-fr", "4.5.post3")
    assert wheel_dir("Trac==1.6") == "resources/wheels/Trac/1.6"


def test_unreachable_index_is_one_clear_error(tmp_path, monkeypatch):
    # no pip configuration, no local wheel directories, no retries: only the dead index
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_TIMEOUT", "5")
    out = tmp_path / "resources/wheels/polib/1.2.0"
    with pytest.raises(UserError) as error:
        download_wheel("polib==1.2.0", out, index_url="http://127.0.0.1:9/simple")
    message = str(error.value)
    assert message.startswith("pip could not download the wheel polib==1.2.0 (offline")
    assert f"put the .whl file in {out}/" in message
    assert not out.exists()  # nothing Snakemake could take for a finished download


def test_find_wheel_wants_exactly_one(tmp_path):
    with pytest.raises(UserError, match="holds 0"):
        find_wheel(tmp_path, "x==1")
    (tmp_path / "x-1-py3-none-any.whl").write_bytes(b"")
    assert find_wheel(tmp_path, "x==1").name == "x-1-py3-none-any.whl"
