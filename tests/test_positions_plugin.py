"""The attention-positions plugin (ielearn/nmt/fairseq_plugin) against stock fairseq.

- alignment: ids reach the model beside their own tokens through fairseq's length
  filtering, sorting and left padding;
- equivalence: with the default ids the plugin models are the stock models (same weights
  from the same seed, same loss, same hypotheses and alignments);
- sensitivity: changing the ids of the appended tokens changes the encoder output in
  training, validation and generation, each through the path fairseq itself uses.
"""

import pytest
import torch
from fairseq import tasks

from ielearn.nmt.fairseq_plugin.positions_task import TranslationPositionsTask
from ielearn.nmt.fairseq_plugin.source_positions import SourcePositionsDataset
from positions_fixtures import (
    batches,
    encoder_outputs,
    generator,
    make_data,
    task_model_criterion,
    training_cfg,
)

ARCHS = ["transformer", "fconv"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    directory = tmp_path_factory.mktemp("positions")
    files, origins = make_data(directory)
    return directory, files, origins


def test_ids_stay_with_their_tokens_through_filtering_sorting_and_left_padding(data):
    directory, files, origins = data
    task = tasks.setup_task(training_cfg(directory / "bin_attention", "fconv", True).task)
    max_source = 10
    sample_list = batches(task, "train", max_tokens=40, max_positions=(max_source, 1024),
                          shuffle=True)
    src_lines = files[("train", "src")].read_text().splitlines()
    origin_lines = origins["train"].read_text().splitlines()
    pad = task.source_dictionary.pad()
    seen, mixed = set(), False
    for sample in sample_list:
        tokens = sample["net_input"]["src_tokens"]
        ids = sample["net_input"]["src_positions"]
        assert ids.shape == tokens.shape
        lengths = tokens.ne(pad).sum(1)
        mixed |= len(set(lengths.tolist())) > 1
        for row, sentence in enumerate(sample["id"].tolist()):
            keep = tokens[row].ne(pad)
            assert bool(keep[-lengths[row]:].all()), "source is not left-padded"
            assert bool(ids[row][~keep].eq(pad).all()), "ids not padded where tokens are"
            words = task.source_dictionary.string(tokens[row][keep][:-1]).split()
            assert words == src_lines[sentence].split()
            origin = [int(i) for i in origin_lines[sentence].split()]
            # fairseq numbering: pad + 1 + (0-based index in x); EOS keeps its own index
            assert (ids[row][keep] - pad - 1).tolist() == origin + [len(origin)]
            seen.add(sentence)
    too_long = {n for n, line in enumerate(src_lines) if len(line.split()) + 1 > max_source}
    assert mixed and too_long, "the data must exercise padding and filtering"
    assert seen == set(range(len(src_lines))) - too_long


def test_the_task_wraps_every_split_and_names_missing_ids(data, tmp_path):
    directory = data[0]
    task = tasks.setup_task(training_cfg(directory / "bin_attention", "fconv", True).task)
    assert isinstance(task, TranslationPositionsTask)
    for split in ("train", "valid", "test"):
        task.load_dataset(split)
        assert isinstance(task.dataset(split), SourcePositionsDataset)
    bare = tmp_path / "bin"
    bare.mkdir()
    for path in (directory / "bin_attention").iterdir():
        if ".positions." not in path.name:
            (bare / path.name).symlink_to(path)
    task = tasks.setup_task(training_cfg(bare, "fconv", True).task)
    with pytest.raises(FileNotFoundError, match=r"valid\.positions\.bin/\.idx not found"):
        task.load_dataset("valid")


def stock_and_plugin(directory, arch):
    stock = task_model_criterion(directory / "bin_default", arch, positions=False)
    plugin = task_model_criterion(directory / "bin_default", arch, positions=True)
    return stock, plugin


@pytest.mark.parametrize("arch", ARCHS)
def test_default_ids_give_the_stock_model(data, arch):
    (s_task, s_model, s_crit), (p_task, p_model, p_crit) = stock_and_plugin(data[0], arch)
    assert type(p_model) is not type(s_model) and isinstance(p_model, type(s_model))
    stock_state, plugin_state = s_model.state_dict(), p_model.state_dict()
    assert stock_state.keys() == plugin_state.keys()
    assert all(torch.equal(stock_state[k], plugin_state[k]) for k in stock_state)
    p_model.load_state_dict(stock_state, strict=True)  # the stock checkpoint loads as is
    s_model.eval()
    p_model.eval()
    for s_sample, p_sample in zip(batches(s_task, "valid"), batches(p_task, "valid")):
        assert "src_positions" in p_sample["net_input"]
        assert "src_positions" not in s_sample["net_input"]
        assert torch.equal(s_sample["id"], p_sample["id"])
        with torch.no_grad():
            s_loss = s_crit(s_model, s_sample)[0]
            p_loss = p_crit(p_model, p_sample)[0]
        assert torch.equal(s_loss, p_loss)
        s_hypos = s_task.inference_step(generator(s_task, s_model), [s_model], s_sample)
        p_hypos = p_task.inference_step(generator(p_task, p_model), [p_model], p_sample)
        for s_hypo, p_hypo in zip(s_hypos, p_hypos):
            assert torch.equal(s_hypo[0]["tokens"], p_hypo[0]["tokens"])
            assert torch.equal(s_hypo[0]["attention"], p_hypo[0]["attention"])
            assert s_hypo[0]["alignment"] == p_hypo[0]["alignment"]


class _Backward:
    """The one optimizer method FairseqTask.train_step uses."""

    def backward(self, loss):
        loss.backward()


def run_mode(mode, task, model, criterion, sample):
    torch.manual_seed(0)  # the same dropout masks in both runs: only the ids differ
    if mode == "training":
        model.train()
        task.train_step(sample, model, criterion, _Backward(), update_num=0)
    elif mode == "validation":
        task.valid_step(sample, model, criterion)
    else:
        model.eval()
        task.inference_step(generator(task, model), [model], sample)


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("mode", ["training", "validation", "generation"])
def test_appended_token_ids_change_the_encoder_output(data, arch, mode):
    directory = data[0]
    task, model, criterion = task_model_criterion(directory / "bin_attention", arch, True)
    default_task = task_model_criterion(directory / "bin_default", arch, True)[0]
    split = {"training": "train", "validation": "valid", "generation": "test"}[mode]
    sample = batches(task, split)[0]
    default_sample = batches(default_task, split)[0]
    assert torch.equal(sample["net_input"]["src_tokens"], default_sample["net_input"]["src_tokens"])
    assert not torch.equal(sample["net_input"]["src_positions"],
                           default_sample["net_input"]["src_positions"])
    with encoder_outputs(model) as outputs:
        run_mode(mode, task, model, criterion, sample)
        run_mode(mode, task, model, criterion, sample)
        run_mode(mode, default_task, model, criterion, default_sample)
    again, default = outputs[1], outputs[-1]
    assert torch.equal(outputs[0], again), "same ids must give the same encoder output"
    assert not torch.allclose(again, default), f"{mode} ignored the position ids"
