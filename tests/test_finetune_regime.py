"""The translation fine-tune regime and compute records, on a 30-sentence corpus (seconds).

References are fairseq's own: the updates its checkpoints record, its inverse_sqrt formula
(lr = peak * sqrt(warmup / updates) after warm-up) and the rate its optimizer holds.
"""

import math

import pytest

from ielearn.nmt.config import FINETUNE_DEFAULTS, TRAIN_DEFAULTS
from ielearn.nmt.compute import (
    batches_per_epoch,
    checkpoint_progress,
    load_checkpoint_state,
    read_compute,
    split_sizes,
)
from ielearn.nmt.train import train_model, training_plan

from test_resume_checkpoint import MODEL, prepare

HP = {**TRAIN_DEFAULTS, "max_tokens": 64, "max_epoch": 3, "patience": -1, "warmup_updates": 4}
FINETUNE = {**HP, **FINETUNE_DEFAULTS, "max_epoch": 2}


def run(directory, name, hp, init=None):
    plan = training_plan(hp, "transformer", MODEL, seed=1)
    best = directory / name / "best.pt"
    train_model(directory / "bin", directory / name, best, init_from=init, **plan)
    return best, read_compute(directory / name / "compute.json")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    directory = tmp_path_factory.mktemp("regime")
    prepare(directory)
    best, record = run(directory, "baseline", HP)
    return directory, best, record


def test_batches_per_epoch_is_fairseqs_count(baseline):
    directory, best, record = baseline
    src, tgt = split_sizes(directory / "bin")
    batches = batches_per_epoch(src, tgt, HP["max_tokens"])
    assert batches > 1
    # no early stopping: fairseq ran all 3 epochs, and its checkpoint counts the updates
    assert record["updates"] == 3 * batches
    assert record["epochs"] == 3 and record["batches_per_epoch"] == batches
    assert record["source_tokens"] == 3 * int(src.sum()) == 3 * record["source_tokens_per_epoch"]
    assert record["sentences"] == 3 * 30
    assert record["kept"] == "best" and record["kept_updates"] == checkpoint_progress(
        load_checkpoint_state(best))[0]


def test_finetune_continues_at_the_rate_the_baseline_reached(baseline, tmp_path):
    directory, best, record = baseline
    peak, warmup = HP["lr"], HP["warmup_updates"]
    reached = peak * math.sqrt(warmup) / math.sqrt(record["kept_updates"])
    assert reached < peak  # the baseline is past its peak
    tuned, tuned_record = run(directory, "finetune", FINETUNE, init=best)
    assert tuned_record["lr"] == pytest.approx(reached, rel=1e-6)
    # constant: after its updates the optimizer still holds that rate (no climb to the peak)
    state = load_checkpoint_state(tuned)
    assert state["last_optimizer_state"]["param_groups"][0]["lr"] == pytest.approx(reached)
    assert state["optimizer_history"][-1]["num_updates"] == tuned_record["kept_updates"] > 0
    assert tuned_record["epochs"] <= FINETUNE["max_epoch"]


def test_matched_budget_takes_exactly_that_many_updates(baseline):
    directory, best, record = baseline
    budget = record["batches_per_epoch"] + 1  # stops inside the second epoch
    _, matched = run(directory, "matched", {**FINETUNE, "matched_updates": budget}, init=best)
    assert matched["updates"] == budget and matched["kept"] == "last"
    assert matched["kept_updates"] == budget
    assert matched["epochs"] == pytest.approx(1 + 1 / record["batches_per_epoch"], abs=1e-4)


def test_matched_budget_flags_switch_off_early_stopping_and_the_cap():
    args = training_plan({**FINETUNE, "matched_updates": 50}, "transformer", MODEL, 1)["args"]
    assert args[args.index("--max-update") + 1] == "50"
    assert args[args.index("--patience") + 1] == "-1"
    assert args[args.index("--max-epoch") + 1] == "0"  # fairseq: no epoch limit
    plan = training_plan(FINETUNE, "transformer", MODEL, 1)
    assert "--lr" not in plan["args"] and plan["lr_from_init"] and plan["keep"] == "best"
    assert plan["args"][plan["args"].index("--lr-scheduler") + 1] == "fixed"
