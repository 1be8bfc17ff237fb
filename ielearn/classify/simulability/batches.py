"""Tokenised examples ready for the student: the model's inputs, the token → word map, the
teacher's predicted labels, and what the student's explanation is compared with (a fixed
distribution per example, or the teacher's per-head word logits for SMaT's learned map)."""

from typing import NamedTuple

import torch

from ielearn.classify.model import encode
from ielearn.classify.simulability.word_maps import word_map


class Batch(NamedTuple):
    inputs: dict  # input_ids, attention_mask, token_type_ids
    word_map: torch.Tensor  # [batch, words, tokens]
    word_mask: torch.Tensor  # [batch, words]
    labels: torch.Tensor  # the teacher's predicted labels (the student's targets)
    targets: torch.Tensor | None  # E_T [batch, words], or None
    teacher_logits: torch.Tensor | None  # the teacher's [batch, heads, words] word logits, or None


def padded(rows, width):
    """Per-example tensors whose last dimension is the example's words, zero-padded to `width`."""
    return torch.stack([torch.nn.functional.pad(row, (0, width - row.shape[-1])) for row in rows])


def make_batch(tokenizer, examples, labels, max_length, targets=None, teacher_logits=None, device="cpu"):
    """One Batch of `examples`; `targets` / `teacher_logits` per example (words last) or None."""
    pair = examples[0].text_b is not None
    encoding = encode(tokenizer, [e.text_a for e in examples], [e.text_b for e in examples] if pair else None,
                      max_length, return_offsets_mapping=True)
    matrix, mask, words = word_map(encoding, len(examples))
    for rows in (targets, teacher_logits):
        if rows is not None and any(row.shape[-1] != len(w) for row, w in zip(rows, words)):
            raise ValueError("a teacher map's words are not the words the student reads")
    width = mask.shape[1]
    inputs = {k: v.to(device) for k, v in encoding.items() if k != "offset_mapping"}
    return Batch(inputs, matrix.to(device), mask.to(device), torch.as_tensor(labels, device=device),
                 None if targets is None else padded(targets, width).to(device),
                 None if teacher_logits is None else padded(teacher_logits, width).to(device))


def shuffled_batches(count, batch_size, generator):
    """Index lists of one epoch's batches, in a seeded random order."""
    order = torch.randperm(count, generator=generator).tolist()
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def pick(rows, indices):
    return None if rows is None else [rows[i] for i in indices]
