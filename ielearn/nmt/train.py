"""Baseline training and bootstrap fine-tuning with fairseq-train.

fairseq-train runs on the GPU whenever CUDA finds one and on the CPU otherwise; a job that
sees several GPUs (e.g. `sbatch --gpus=4`) trains data-parallel on all of them.

A killed run resumes: fairseq restarts from `checkpoint_last.pt` in the save directory, but
only when the settings, the binarised data and dictionaries, and the initial model are those
it was written with (ielearn/nmt/resume.py); otherwise it is removed before training starts.
A finished run leaves only `best.pt` (the declared output), so a later forced rerun trains
afresh instead of "resuming" a finished run.
"""

import logging
import os
from pathlib import Path

from ielearn.config import FAIRSEQ_ARCHS
from ielearn.nmt.commands import run_fairseq
from ielearn.nmt.resume import forget_stale_checkpoint, resume_record

log = logging.getLogger(__name__)

MODEL_SIZE_FLAGS = {
    "embed_dim": ("--encoder-embed-dim", "--decoder-embed-dim"),
    "ffn_dim": ("--encoder-ffn-embed-dim", "--decoder-ffn-embed-dim"),
    "layers": ("--encoder-layers", "--decoder-layers"),
    "heads": ("--encoder-attention-heads", "--decoder-attention-heads"),
}
# fconv_iwslt_de_en: 256 channels, 4 encoder and 3 decoder convolutions of width 3
FCONV_SIZE = {"embed_dim": 256, "encoder_layers": 4, "decoder_layers": 3}
POSITIONS_TASK = "ielearn_translation_positions"  # registered by ielearn/fairseq_plugin


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
        "--lr-scheduler", "inverse_sqrt", "--warmup-updates", hp["warmup_updates"],
    ]
    for key, value in model.items():
        for flag in MODEL_SIZE_FLAGS[key]:
            args += [flag, value]
    return args


def _fconv_args(model, hp):
    args = [
        "--optimizer", "nag", "--momentum", hp["momentum"],
        "--lr-scheduler", "fixed", "--warmup-updates", hp["warmup_updates"],
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

    Transformer: Adam with the inverse-sqrt schedule; fconv: NAG with a fixed rate. With
    `positions` the plugin's task and model (attention positions) replace the stock ones.
    """
    args = [
        "--task", fairseq_task(positions), "--source-lang", "src", "--target-lang", "tgt",
        "--arch", fairseq_arch(arch, positions), *ARCH_ARGS[arch](model, hp),
        "--clip-norm", hp["clip_norm"], "--lr", hp["lr"],
        "--dropout", hp["dropout"], "--weight-decay", hp["weight_decay"],
        "--criterion", "label_smoothed_cross_entropy", "--label-smoothing", hp["label_smoothing"],
        "--max-tokens", hp["max_tokens"], "--max-epoch", hp["max_epoch"],
        "--patience", hp["patience"], "--seed", seed,
        "--no-epoch-checkpoints", "--log-format", "simple", "--log-interval", 50,
    ]
    if hp["max_update"]:
        args += ["--max-update", hp["max_update"]]
    return [str(arg) for arg in args] + list(hp["extra_args"])


def distributed_args(gpu_count):
    """fairseq-train flags for the GPUs a job can see: nothing for the CPU or one GPU,
    data-parallel training on all of them otherwise (the effective batch grows with them)."""
    return [] if gpu_count <= 1 else ["--distributed-world-size", str(gpu_count)]


def train_model(data_dir, save_dir, best_path, args, init_from=None, threads=1):
    """Train (or, with `init_from`, fine-tune) a fairseq model; the best checkpoint ends at
    best_path. Returns whether the training resumed from a killed run's checkpoint."""
    save_dir = Path(save_dir)
    save_dir.mkdir(parents=True, exist_ok=True)
    args = [str(data_dir), "--save-dir", str(save_dir), *args]
    if init_from is not None:
        # fairseq resets optimizer, scheduler and epoch counter when it starts from this model.
        args += ["--finetune-from-model", str(init_from)]
    resumed = forget_stale_checkpoint(save_dir, resume_record(args, data_dir, init_from))
    import torch  # here, not at the top: the rules import this module to build flags (no torch)

    # not part of the record: a run resumed on another number of GPUs keeps its checkpoint
    gpus = distributed_args(torch.cuda.device_count())
    run_fairseq("fairseq-train", args + gpus, threads=threads)
    best = save_dir / "checkpoint_best.pt"
    if not best.exists():
        raise RuntimeError(f"fairseq-train finished without writing {best}; see the log above")
    os.replace(best, best_path)
    (save_dir / "checkpoint_last.pt").unlink(missing_ok=True)
    return resumed
