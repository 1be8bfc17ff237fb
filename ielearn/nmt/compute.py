"""What a fairseq training spent: updates, epochs and tokens, written beside each model.

fairseq batches by tokens, so an input twice as long (x' = x + α) takes about twice the
updates per epoch; comparing arms needs these numbers. Everything comes from fairseq
itself: updates and the epoch position from the checkpoints' `optimizer_history` and
`extra_state`, batches per epoch from fairseq's own `batch_by_size` over the binarised
sizes (the count does not depend on the shuffle: batches are cut from the length-sorted
order). Tokens and sentences of a partial last epoch (a `--max-update` stop) are counted
pro rata. One process is assumed; with N GPUs each update reads N batches.

Beside a model picked from a learning-rate sweep (ielearn/sweep.py, ielearn/nmt/pick.py) the
record is the arm's: updates, epochs, tokens and sentences summed over every candidate, the
rest the kept candidate's, and `lr_candidates` says how many trained.
"""

from pathlib import Path

import numpy as np

from ielearn.io import read_json, write_json

COMPUTE_FILE = "compute.json"


def load_checkpoint_state(path):
    """The checkpoint's dict, loaded weights-only with the plugin's allow-list."""
    import torch  # here: the summary reads records without torch

    from ielearn.nmt.fairseq_plugin.safe_loading import allow_fairseq_checkpoint_globals

    allow_fairseq_checkpoint_globals()
    return torch.load(path, map_location="cpu", weights_only=True)


def checkpoint_progress(state):
    """(updates, epoch, batches read in that epoch) recorded in a fairseq checkpoint."""
    iterator = state["extra_state"]["train_iterator"]
    return (state["optimizer_history"][-1]["num_updates"], iterator["epoch"],
            iterator["iterations_in_epoch"])


def checkpoint_lr(path):
    """The learning rate a checkpoint's optimizer would have used for its next update."""
    state = load_checkpoint_state(path)
    if "last_optimizer_state" not in state:
        raise RuntimeError(f"{path} holds no optimizer state, so 'lr: continue' has no rate "
                           "to continue from; give finetune.lr as a number")
    return float(state["last_optimizer_state"]["param_groups"][0]["lr"])


def split_sizes(data_dir, split="train"):
    """(source sizes, target sizes) of a binarised split, EOS included, as fairseq counts."""
    from fairseq.data.indexed_dataset import MMapIndexedDataset

    prefix = Path(data_dir) / f"{split}.src-tgt"
    sizes = []
    for side in ("src", "tgt"):
        dataset = MMapIndexedDataset(f"{prefix}.{side}")
        # copied while the file is mapped: its sizes are a view into the mapping
        sizes.append(np.array(dataset.sizes, dtype=np.int64, copy=True))
        del dataset
    return tuple(sizes)


def batches_per_epoch(src_sizes, tgt_sizes, max_tokens, required_multiple=8):
    """fairseq-train's batch count: its LanguagePairDataset order and batch_by_size."""
    from fairseq.data import data_utils

    indices = np.arange(len(src_sizes), dtype=np.int64)
    indices = indices[np.argsort(tgt_sizes[indices], kind="mergesort")]
    indices = indices[np.argsort(src_sizes[indices], kind="mergesort")]
    num_tokens = np.maximum(src_sizes, tgt_sizes)
    batches = data_utils.batch_by_size(
        indices, num_tokens_fn=lambda i: num_tokens[i], num_tokens_vec=num_tokens[indices],
        max_tokens=max_tokens, max_sentences=None,
        required_batch_size_multiple=required_multiple,
    )
    return len(batches)


def epochs_done(epoch, iterations, batches):
    """Epochs as a fraction: epoch counts from 1, `iterations` batches of the current one."""
    return (epoch - 1) + min(iterations, batches) / batches


def compute_record(last_state, best_state, data_dir, max_tokens, lr, kept):
    """The training's spending (up to its last update) and where its kept model stands."""
    src, tgt = split_sizes(data_dir)
    batches = batches_per_epoch(src, tgt, max_tokens)
    updates, epoch, iterations = checkpoint_progress(last_state)
    best_updates, best_epoch, best_iterations = checkpoint_progress(best_state)
    epochs = epochs_done(epoch, iterations, batches)
    return {
        "updates": int(updates),
        "epochs": round(epochs, 4),
        "source_tokens": int(round(epochs * int(src.sum()))),
        "target_tokens": int(round(epochs * int(tgt.sum()))),
        "sentences": int(round(epochs * len(src))),
        "batches_per_epoch": batches,
        "source_tokens_per_epoch": int(src.sum()),
        "target_tokens_per_epoch": int(tgt.sum()),
        "sentences_per_epoch": len(src),
        "lr": lr,
        "kept": kept,
        "kept_updates": int(best_updates),
        "kept_epochs": round(epochs_done(best_epoch, best_iterations, batches), 4),
    }


def write_compute(path, record):
    write_json(path, record)


def read_compute(path):
    """A model's compute record (see compute_record); for the summary and report."""
    return read_json(path)


def compute_path(model_path):
    """compute.json beside a model file (results/<run>/iter_<k>/model/best.pt)."""
    return Path(model_path).parent / COMPUTE_FILE
