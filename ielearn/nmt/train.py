"""Baseline training and bootstrap fine-tuning with fairseq-train.

fairseq-train runs on the GPU whenever CUDA finds one and on the CPU otherwise; a job that
sees several GPUs (e.g. `sbatch --gpus=4`) trains data-parallel on all of them.

A killed run resumes: fairseq restarts from `checkpoint_last.pt` in the save directory, but
only when the settings, the binarised data and dictionaries, and the initial model are those
it was written with (ielearn/nmt/resume.py); otherwise it is removed before training starts.
A finished run leaves only `best.pt` (the declared output) and `compute.json` (what it
spent: ielearn/nmt/compute.py), so a later forced rerun trains afresh instead of
"resuming" a finished run.

Fine-tunes (docs/pipeline.md, "The fine-tuning regime"): fairseq's `--finetune-from-model` resets
optimizer, scheduler and epoch counter, so a warm-up schedule would climb back to the
baseline's peak rate. By default every arm therefore fine-tunes at a constant rate, the one
the previous model's schedule had reached (`lr: continue`), until early stopping on valid
loss. With `matched_updates: N` every arm instead takes exactly N updates and keeps its
last model.
"""

import logging
import os
from pathlib import Path

from ielearn.nmt.config import FAIRSEQ_ARCHS
from ielearn.nmt.commands import run_fairseq
from ielearn.nmt.compute import (
    checkpoint_lr,
    compute_path,
    compute_record,
    load_checkpoint_state,
    write_compute,
)
from ielearn.finetune_only import CONTINUE_LR
from ielearn.folder_lock import own_folder
from ielearn.nmt.resume import RESUME_SNAPSHOT, forget_stale_checkpoint, restore_args, resume_record

log = logging.getLogger(__name__)

MODEL_SIZE_FLAGS = {
    "embed_dim": ("--encoder-embed-dim", "--decoder-embed-dim"),
    "ffn_dim": ("--encoder-ffn-embed-dim", "--decoder-ffn-embed-dim"),
    "layers": ("--encoder-layers", "--decoder-layers"),
    "heads": ("--encoder-attention-heads", "--decoder-attention-heads"),
}
# fconv_iwslt_de_en: 256 channels, 4 encoder and 3 decoder convolutions of width 3
FCONV_SIZE = {"embed_dim": 256, "encoder_layers": 4, "decoder_layers": 3}
POSITIONS_TASK = "ielearn_translation_positions"  # registered by ielearn/nmt/fairseq_plugin


def fairseq_task(positions):
    return POSITIONS_TASK if positions else "translation"


def fairseq_arch(arch, positions):
    """The stock architecture, or the plugin's version reading attention positions."""
    return f"ielearn_{FAIRSEQ_ARCHS[arch]}" if positions else FAIRSEQ_ARCHS[arch]


def _transformer_args(model, hp):
    beta1, beta2 = hp["adam_betas"]
    args = [
        "--share-decoder-input-output-embed",
        "--optimizer", "adam", "--adam-betas", f"({beta1}, {beta2})",
        "--lr-scheduler", hp["lr_scheduler"], "--warmup-updates", hp["warmup_updates"],
    ]
    for key, value in model.items():
        for flag in MODEL_SIZE_FLAGS[key]:
            args += [flag, value]
    return args


def _fconv_args(model, hp):
    args = [
        "--optimizer", "nag", "--momentum", hp["momentum"],
        "--lr-scheduler", hp["lr_scheduler"], "--warmup-updates", hp["warmup_updates"],
    ]
    if model:
        size = {**FCONV_SIZE, **model}
        dim = size["embed_dim"]
        args += [
            "--encoder-embed-dim", dim, "--decoder-embed-dim", dim, "--decoder-out-embed-dim", dim,
            "--encoder-layers", f"[({dim}, 3)] * {size.get('layers', size['encoder_layers'])}",
            "--decoder-layers", f"[({dim}, 3)] * {size.get('layers', size['decoder_layers'])}",
        ]
    return args


ARCH_ARGS = {"transformer": _transformer_args, "fconv": _fconv_args}


def training_args(arch, model, hp, seed, positions=False):
    """fairseq-train flags for an architecture, its size overrides and hyper-parameters.

    Transformer: Adam (baseline: inverse-sqrt schedule); fconv: NAG with a fixed rate. With
    `positions` the plugin's task and model (attention positions) replace the stock ones.
    `lr: continue` leaves out `--lr`: train_model reads it from the model it starts from.
    With `matched_updates` (a fine-tune's strictly matched budget) only the update count
    stops the training: no early stopping, no epoch cap.
    """
    args = [
        "--task", fairseq_task(positions), "--source-lang", "src", "--target-lang", "tgt",
        "--arch", fairseq_arch(arch, positions), *ARCH_ARGS[arch](model, hp),
        "--clip-norm", hp["clip_norm"],
        "--dropout", hp["dropout"], "--weight-decay", hp["weight_decay"],
        "--criterion", "label_smoothed_cross_entropy", "--label-smoothing", hp["label_smoothing"],
        "--max-tokens", hp["max_tokens"], "--seed", seed,
        "--no-epoch-checkpoints", "--log-format", "simple", "--log-interval", 50,
    ]
    if hp["lr"] != CONTINUE_LR:
        args += ["--lr", hp["lr"]]
    if hp.get("matched_updates"):
        args += ["--max-update", hp["matched_updates"], "--max-epoch", 0, "--patience", -1]
    else:
        args += ["--max-epoch", hp["max_epoch"], "--patience", hp["patience"]]
        if hp["max_update"]:
            args += ["--max-update", hp["max_update"]]
    return [str(arg) for arg in args] + list(hp["extra_args"])


def training_plan(hp, arch, model, seed, positions=False):
    """What the train rule hands to train_model: the flags, the rate to read from the initial
    model (or None), which checkpoint to keep, and the update count to check (or None)."""
    matched = hp.get("matched_updates") or None
    return {
        "args": training_args(arch, model, hp, seed, positions),
        "lr_from_init": hp["lr"] == CONTINUE_LR,
        "keep": "last" if matched else "best",
        "matched_updates": matched,
    }


def distributed_args(gpu_count):
    """fairseq-train flags for the GPUs a job can see: nothing for the CPU or one GPU,
    data-parallel training on all of them otherwise (the effective batch grows with them)."""
    return [] if gpu_count <= 1 else ["--distributed-world-size", str(gpu_count)]


def option_value(args, flag):
    """The value given to `flag` in a list of fairseq flags (the last one wins), or None."""
    values = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == flag]
    return values[-1] if values else None


def train_model(data_dir, save_dir, best_path, args, init_from=None, threads=1,
                lr_from_init=False, keep="best", matched_updates=None):
    """Train (or, with `init_from`, fine-tune) a fairseq model; the kept checkpoint (`best` on
    valid loss, or `last`) ends at best_path, its compute record beside it (compute.json).
    With `lr_from_init` the constant rate is the one `init_from`'s optimizer had reached.
    Returns whether the training resumed from a killed run's checkpoint."""
    save_dir = Path(save_dir)
    save_dir.mkdir(parents=True, exist_ok=True)
    args = [str(data_dir), "--save-dir", str(save_dir), *args]
    lr = float(option_value(args, "--lr")) if "--lr" in args else None
    if lr_from_init:
        lr = checkpoint_lr(init_from)
        log.info("fine-tuning at lr %.6g, the rate %s had reached", lr, init_from)
        args += ["--lr", str(lr)]
    with own_folder(save_dir) as lock:  # one training per folder (a second one is refused)
        resumed = forget_stale_checkpoint(save_dir, resume_record(args, data_dir, init_from))
        import torch  # here, not at the top: the rules import this module to build flags (no torch)

        # not part of the record: a run resumed on another number of GPUs keeps its checkpoint
        gpus = distributed_args(torch.cuda.device_count())
        # fairseq loads only what the decision named, whatever appears in the folder meanwhile
        start = restore_args(save_dir, resumed, init_from)
        run_fairseq("fairseq-train", args + start + gpus, threads=threads, pass_fds=(lock,))
        return _finish(save_dir, best_path, data_dir, args, lr, keep, matched_updates, resumed)


def _finish(save_dir, best_path, data_dir, args, lr, keep, matched_updates, resumed):
    """Check what fairseq-train left, keep the chosen checkpoint at best_path with its compute
    record, and remove the rest (a later forced rerun must not resume a finished run)."""
    best, last = save_dir / "checkpoint_best.pt", save_dir / "checkpoint_last.pt"
    for path in (best, last):
        if not path.exists():
            raise RuntimeError(f"fairseq-train finished without writing {path}; see the log above")
    record = compute_record(load_checkpoint_state(last), load_checkpoint_state(best), data_dir,
                            int(option_value(args, "--max-tokens")), lr, keep)
    if matched_updates and record["updates"] != int(matched_updates):
        raise RuntimeError(f"matched budget of {matched_updates} updates, but fairseq-train "
                           f"stopped after {record['updates']}; see the log above")
    log.info("spent %d updates, %.2f epochs, %d source tokens; kept the %s checkpoint",
             record["updates"], record["epochs"], record["source_tokens"], keep)
    os.replace(best if keep == "best" else last, best_path)
    write_compute(compute_path(best_path), record)
    for path in (best, last, save_dir / RESUME_SNAPSHOT):
        path.unlink(missing_ok=True)
    return resumed
