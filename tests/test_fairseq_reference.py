"""Independent references for the fairseq side: fairseq-generate's own alignments, safe
checkpoint loading under torch's weights-only default, and resuming a killed training."""

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
import torch

from conftest import TINY_EXPERIMENT
from ielearn.nmt.config import TRAIN_DEFAULTS
from ielearn.io import read_lines
from ielearn.nmt.attention import resolve_positions
from ielearn.nmt.commands import PLUGIN_DIR, fairseq_tool
from ielearn.nmt.resume import RESUME_SNAPSHOT
from ielearn.nmt.train import training_args
from test_exact_resume import VALID_LOSS, weights

pytestmark = pytest.mark.e2e


def fairseq_generate(bin_dir, checkpoint, split, beam, task="translation"):
    """Hypotheses and alignments exactly as `fairseq-generate --print-alignment` prints them."""
    result = subprocess.run(
        [fairseq_tool("fairseq-generate"), str(bin_dir), "--path", str(checkpoint),
         "--user-dir", PLUGIN_DIR, "--task", task, "-s", "src", "-t", "tgt",
         "--gen-subset", split, "--beam", str(beam), "--print-alignment", "hard",
         "--required-batch-size-multiple", "1", "--max-tokens", "12000",
         "--max-len-a", "0", "--max-len-b", "200"],
        capture_output=True, text=True, check=True,
    )
    hyps, alignments = {}, {}
    for line in result.stdout.splitlines():
        tag, _, rest = line.partition("\t")
        if tag.startswith("H-"):
            hyps[int(tag[2:])] = rest.split("\t")[1]
        elif tag.startswith("A-"):
            pairs = [pair.split("-") for pair in rest.split()]
            alignments[int(tag[2:])] = [int(src) for src, _ in sorted(pairs, key=lambda p: int(p[1]))]
    return [hyps[i] for i in range(len(hyps))], [alignments[i] for i in range(len(alignments))]


@pytest.mark.parametrize("iteration", ["iter_0", "iter_1"])
def test_positions_equal_fairseq_generate_print_alignment(tiny_run, iteration):
    run = tiny_run / "results" / "tiny" / iteration
    hyps, alignments = fairseq_generate(run / "bin", run / "model" / "best.pt", "test", beam=2)
    assert read_lines(run / "decode" / "test.hyp") == hyps
    ours = [[int(p) for p in line.split()] for line in read_lines(run / "decode" / "test.pos")]
    if iteration == "iter_0":
        expected = alignments
    else:  # the enriched input: fairseq indexes x', ours resolves back to x
        origins = [[int(p) for p in line.split()] for line in read_lines(run / "input" / "test.origin")]
        expected = [resolve_positions(a, origin) for a, origin in zip(alignments, origins)]
        assert any(max(a, default=0) >= len(src.split()) for a, src in
                   zip(alignments, read_lines(tiny_run / "results/tiny/data/bpe/test.src"))), \
            "the fine-tuned model never attended to an appended word: resolution untested"
    assert ours == expected
    source = [line.split() for line in read_lines(tiny_run / "results/tiny/data/bpe/test.src")]
    words = [line.split() for line in read_lines(run / "decode" / "test.words")]
    assert words == [[src[p] for p in pos] for src, pos in zip(source, ours)]


def load_in_subprocess(checkpoint, allow_list):
    code = (
        "import sys, torch\n"
        + ("from ielearn.nmt.fairseq_plugin.safe_loading import allow_fairseq_checkpoint_globals\n"
           "allow_fairseq_checkpoint_globals()\n" if allow_list else "")
        + f"state = torch.load({str(checkpoint)!r}, map_location='cpu')\n"
        "print(sorted(state))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_checkpoints_load_weights_only_with_the_allow_list(tiny_run):
    checkpoint = tiny_run / "results/tiny/iter_0/model/best.pt"
    plain = load_in_subprocess(checkpoint, allow_list=False)
    assert plain.returncode != 0 and "weights_only" in plain.stderr
    allowed = load_in_subprocess(checkpoint, allow_list=True)
    assert allowed.returncode == 0, allowed.stderr
    assert "model" in allowed.stdout


def train_in_subprocess(bin_dir, save_dir, log_path, args):
    """The command of a job training one model (train_model), its fairseq output in log_path."""
    code = (
        "import json\nfrom ielearn.logs import to_log\nfrom ielearn.nmt.train import train_model\n"
        f"with to_log({str(log_path)!r}):\n"
        f"    train_model({str(bin_dir)!r}, {str(save_dir)!r}, "
        f"{str(save_dir / 'best.pt')!r}, json.loads({json.dumps(args)!r}), threads=1)\n"
    )
    return [sys.executable, "-c", code]


def valid_losses(log_path):
    """{epoch: validation loss} from a training log (an epoch validated twice, before and
    after a kill, keeps its last line)."""
    return {int(epoch): loss for epoch, loss in VALID_LOSS.findall(log_path.read_text())}


def test_killed_training_resumes_where_it_stopped_and_ends_as_if_never_killed(tiny_run, tmp_path):
    hp = {**TRAIN_DEFAULTS, **TINY_EXPERIMENT["train"], "max_epoch": 8, "patience": -1}
    args = training_args("transformer", TINY_EXPERIMENT["model"], hp, seed=1)
    bin_dir = tiny_run / "results/tiny/iter_0/bin"
    save_dir, log_path = tmp_path / "model", tmp_path / "train.log"
    command = train_in_subprocess(bin_dir, save_dir, log_path, args)
    first = subprocess.Popen(command, start_new_session=True)
    deadline = time.time() + 300
    # "Saved checkpoint" is logged once checkpoint_last.pt is complete (it may be a copy of _best)
    while not (log_path.exists() and "Saved checkpoint" in log_path.read_text()) and time.time() < deadline:
        time.sleep(0.1)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert not (save_dir / "best.pt").exists(), "the run finished before it could be killed"
    subprocess.run(command, check=True)
    # the resume loads the link to checkpoint_last.pt that the resume decision made (ielearn/nmt/resume.py)
    resumed = re.search(rf"Loaded checkpoint \S*{re.escape(RESUME_SNAPSHOT)} \(epoch (\d+)", log_path.read_text())
    assert resumed and int(resumed.group(1)) >= 2
    assert (save_dir / "best.pt").exists() and not (save_dir / "checkpoint_last.pt").exists()
    # ielearn/nmt/fairseq_plugin/exact_resume.py: the same batches and patience as a run never killed
    whole_dir, whole_log = tmp_path / "uninterrupted", tmp_path / "uninterrupted.log"
    subprocess.run(train_in_subprocess(bin_dir, whole_dir, whole_log, args), check=True)
    assert sorted(valid_losses(whole_log)) == list(range(1, 9))
    assert valid_losses(log_path) == valid_losses(whole_log)
    killed, whole = weights(save_dir / "best.pt"), weights(whole_dir / "best.pt")
    assert all(torch.equal(killed[name], whole[name]) for name in whole)
