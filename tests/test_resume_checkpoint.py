"""A killed training resumes only from a checkpoint of the same settings, data and initial model.

The kill is reproduced by putting the finished run's checkpoint back as checkpoint_last.pt
and checkpoint_best.pt, which is what a `kill -9` after an epoch leaves in the save directory.
"""

import random
import shutil

import pytest

from ielearn.nmt.config import TRAIN_DEFAULTS
from ielearn.io import write_lines
from ielearn.nmt.binarize import SPLITS, binarize, build_dictionaries
from ielearn.nmt.resume import fingerprint, resume_record, stale_reason
from ielearn.nmt.train import train_model, training_args

MODEL = {"embed_dim": 16, "ffn_dim": 32, "layers": 1, "heads": 2}
HP = {**TRAIN_DEFAULTS, "max_tokens": 200, "max_epoch": 2, "warmup_updates": 5}


def write_text(directory, extra_word=None, shift_targets=False):
    rng = random.Random(0)
    files = {}
    for split in SPLITS:
        src = [" ".join(f"s{rng.randrange(20)}" for _ in range(rng.randint(2, 6))) for _ in range(30)]
        tgt = [line.replace("s", "t") for line in src]
        if shift_targets and split == "train":
            tgt = tgt[1:] + tgt[:1]  # misaligned: same words, so the same dictionaries
        if extra_word and split == "train":
            src[0] += f" {extra_word}"
        for side, lines in (("src", src), ("tgt", tgt)):
            files[(split, side)] = directory / f"text/{split}.{side}"
            write_lines(files[(split, side)], lines)
    return files


def prepare(directory, **changes):
    files = write_text(directory, **changes)
    shutil.rmtree(directory / "dict", ignore_errors=True)
    build_dictionaries(files[("train", "src")], files[("train", "tgt")], directory / "dict")
    binarize(files, directory / "dict", directory / "bin")


def train(directory, monkeypatch):
    """Train in `directory` with relative paths, as the pipeline does from its working directory
    (so a copy of the directory holds the same flags)."""
    monkeypatch.chdir(directory)
    args = training_args("transformer", MODEL, HP, seed=1)
    return train_model("bin", "model", "best.pt", args)


def kill_after_training(directory):
    for name in ("checkpoint_last.pt", "checkpoint_best.pt"):
        shutil.copy(directory / "best.pt", directory / "model" / name)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    directory = tmp_path_factory.mktemp("resume")
    prepare(directory)
    with pytest.MonkeyPatch.context() as monkeypatch:
        train(directory, monkeypatch)
    return directory


def test_same_settings_and_data_resume(tmp_path, trained, capfd, monkeypatch):
    directory = tmp_path / "run"
    shutil.copytree(trained, directory)
    kill_after_training(directory)
    assert train(directory, monkeypatch) is True
    output = capfd.readouterr()
    assert "Loaded checkpoint" in output.out + output.err


@pytest.mark.parametrize("change", [{"shift_targets": True}, {"extra_word": "s99"}],
                         ids=["same-dictionary-size", "other-dictionary-size"])
def test_a_checkpoint_of_other_data_is_not_resumed(tmp_path, trained, caplog, capfd, monkeypatch,
                                                   change):
    directory = tmp_path / "run"
    shutil.copytree(trained, directory)
    kill_after_training(directory)
    before = (directory / "dict/dict.src.txt").read_text().count("\n")
    prepare(directory, **change)  # the user fixes the data; binarize reruns, training reruns
    after = (directory / "dict/dict.src.txt").read_text().count("\n")
    assert (after == before) == ("shift_targets" in change)
    assert train(directory, monkeypatch) is False
    output = capfd.readouterr()
    assert "Loaded checkpoint" not in output.out + output.err
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("not resuming" in w and "binarised data or dictionaries changed" in w
               for w in warnings), warnings
    assert (directory / "best.pt").exists()


def test_each_part_of_the_record_is_a_reason(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/a").write_text("x")
    (tmp_path / "init.pt").write_text("m")
    old = resume_record(["--lr", "1"], tmp_path / "data", tmp_path / "init.pt")
    assert stale_reason(old, old) is None
    assert stale_reason(None, old).startswith("no record")
    assert stale_reason(old, resume_record(["--lr", "2"], tmp_path / "data", tmp_path / "init.pt")) \
        == "the training settings changed"
    (tmp_path / "init.pt").write_text("n")
    assert stale_reason(old, resume_record(["--lr", "1"], tmp_path / "data", tmp_path / "init.pt")) \
        == "the model it fine-tunes from changed"
    before = fingerprint(tmp_path / "data")
    (tmp_path / "data/a").rename(tmp_path / "data/b")  # same bytes, other file: other data
    assert fingerprint(tmp_path / "data") != before


def test_a_checkpoint_cut_short_is_not_resumed(tmp_path, trained, caplog, capfd, monkeypatch):
    directory = tmp_path / "run"
    shutil.copytree(trained, directory)
    kill_after_training(directory)
    last = directory / "model/checkpoint_last.pt"
    last.write_bytes(last.read_bytes()[: last.stat().st_size // 2])  # a copy killed halfway
    assert train(directory, monkeypatch) is False
    output = capfd.readouterr()
    assert "Loaded checkpoint" not in output.out + output.err
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("not resuming" in w and "cut short" in w for w in warnings), warnings
    assert (directory / "best.pt").exists()
