"""A fairseq training resumed from a checkpoint retraces the uninterrupted one
(ielearn/nmt/fairseq_plugin/exact_resume.py): the same batches, hence the same validation
losses and the same weights, and the same patience count.

Without the plugin's patch fairseq 0.12 rebuilds a resumed run's batches with the seed of the
epoch it resumes at; on these 30 sentences the resumed run's third-epoch batch then holds other
sentences and its validation loss parts from the uninterrupted run's at the third decimal.
"""

import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
import torch

from ielearn.nmt.commands import PLUGIN_DIR, fairseq_tool
from ielearn.nmt.fairseq_plugin.exact_resume import PATIENCE, resumes_training
from ielearn.nmt.train import training_args

from test_resume_checkpoint import HP, MODEL, prepare

VALID_LOSS = re.compile(r"epoch (\d+) \| valid on 'valid' subset \| loss ([\d.]+)")
EARLY_STOP = "early stop since valid performance hasn't improved for last 2 runs"


def fairseq_train(directory, save_dir, max_epoch, patience=-1, restore=None):
    """fairseq-train on the prepared data; returns its log."""
    args = training_args("transformer", MODEL, {**HP, "max_epoch": max_epoch, "patience": patience}, seed=1)
    restore_args = ["--restore-file", str(restore)] if restore else []
    result = subprocess.run(
        [fairseq_tool("fairseq-train"), str(directory / "bin"), "--save-dir", str(save_dir), *args,
         *restore_args, "--user-dir", PLUGIN_DIR],
        capture_output=True, text=True, check=True,
    )
    return result.stdout + result.stderr


def weights(checkpoint):
    return torch.load(checkpoint, map_location="cpu", weights_only=False)["model"]


def stopped_after(directory, tmp_path, edit_counter, patience=2):
    """Resume the two-epoch checkpoint after `edit_counter` changed its stored counter; returns
    the epochs the resumed run validated and its log."""
    checkpoint = torch.load(directory / "part/checkpoint_last.pt", map_location="cpu", weights_only=False)
    edit_counter(checkpoint["extra_state"])
    torch.save(checkpoint, tmp_path / "edited.pt")
    output = fairseq_train(directory, tmp_path / "resumed", 6, patience=patience, restore=tmp_path / "edited.pt")
    return [int(epoch) for epoch, _ in VALID_LOSS.findall(output)], output


@pytest.fixture(scope="module")
def trainings(tmp_path_factory):
    """The data, an uninterrupted six-epoch training, and a two-epoch one (as a kill after the
    second epoch leaves it: checkpoint_last.pt)."""
    directory = tmp_path_factory.mktemp("exact_resume")
    prepare(directory)
    full = fairseq_train(directory, directory / "full", 6)
    fairseq_train(directory, directory / "part", 2, patience=2)
    return directory, full


def test_a_resumed_training_retraces_the_uninterrupted_one(trainings, tmp_path):
    directory, full = trainings
    shutil.copy(directory / "part/checkpoint_last.pt", tmp_path / "resume_from.pt")
    resumed = fairseq_train(directory, tmp_path / "resumed", 6, restore=tmp_path / "resume_from.pt")
    assert "Loaded checkpoint" in resumed
    expected = VALID_LOSS.findall(full)
    assert [epoch for epoch, _ in expected] == ["001", "002", "003", "004", "005", "006"]
    assert VALID_LOSS.findall(resumed) == expected[2:]
    uninterrupted, retraced = weights(directory / "full/checkpoint_last.pt"), weights(tmp_path / "resumed/checkpoint_last.pt")
    assert uninterrupted.keys() == retraced.keys()
    assert all(torch.equal(uninterrupted[name], retraced[name]) for name in uninterrupted)


def test_every_checkpoint_stores_the_patience_counter(trainings):
    directory, _ = trainings
    extra = torch.load(directory / "part/checkpoint_last.pt", map_location="cpu", weights_only=False)["extra_state"]
    assert extra[PATIENCE]["best"] == extra["best"]  # the losses fell in both epochs
    assert extra[PATIENCE]["num_runs"] == 0


def test_a_resume_continues_the_patience_count(trainings, tmp_path):
    # one epoch without improvement stored; a best loss no epoch can beat: the next one stops it
    def one_run_without_improvement(extra_state):
        extra_state[PATIENCE] = {"best": 0.0, "num_runs": 1}

    epochs, output = stopped_after(trainings[0], tmp_path, one_run_without_improvement)
    assert epochs == [3]
    assert EARLY_STOP in output


def test_a_checkpoint_without_a_counter_resumes_with_a_warning(trainings, tmp_path):
    def forget_counter(extra_state):
        del extra_state[PATIENCE]

    epochs, output = stopped_after(trainings[0], tmp_path, forget_counter)
    assert epochs == [3, 4, 5, 6]  # the losses keep falling: the count restarted and never ran out
    assert "stores no patience counter" in output and EARLY_STOP not in output


@pytest.mark.parametrize("change, resumes", [
    ({}, True),  # ielearn's resume: --restore-file <the accepted checkpoint_last.pt>
    ({"reset_optimizer": True, "reset_meters": True, "reset_dataloader": True}, False),  # a fine-tune's start
    ({"reset_meters": True}, False),
    ({"finetune_from_model": "base.pt"}, False),  # its first launch: no checkpoint_last.pt yet
    ({"finetune_from_model": "base.pt", "last": True}, True),  # its relaunch resumes checkpoint_last.pt
], ids=["resume", "fine-tune", "reset-meters", "finetune-from-model", "finetune-from-model-relaunch"])
def test_only_a_resume_restores_the_patience_count(tmp_path, change, resumes):
    if change.pop("last", False):
        (tmp_path / "checkpoint_last.pt").write_bytes(b"")
    cfg = SimpleNamespace(**{"reset_optimizer": False, "reset_meters": False, "reset_dataloader": False,
                             "finetune_from_model": None, "restore_file": "checkpoint_last.pt",
                             "save_dir": str(tmp_path), **change})
    assert resumes_training(cfg) is resumes
