"""Loading a BERT-family classifier and calling it on many texts fast.

Attention is read from the model, so it is always loaded with `attn_implementation="eager"`
(transformers 5's default `sdpa` backend returns no attentions). Like fairseq-train on the
translation side, a classifier runs on the GPU whenever CUDA finds one and on the CPU
otherwise (`IELEARN_DEVICE=cpu` keeps it on the CPU); inputs follow the model's device.
"""

import os
from pathlib import Path

import numpy as np
import torch

from ielearn.classify.pretrained import pretrained_path
from ielearn.errors import UserError

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub unless the user asks


def compute_device():
    """CUDA when torch sees a GPU (and IELEARN_DEVICE does not say cpu), else the CPU."""
    wanted = os.environ.get("IELEARN_DEVICE", "").strip().lower()
    if wanted not in ("", "cpu", "cuda"):
        raise UserError(f"IELEARN_DEVICE={wanted!r}: use 'cpu' or 'cuda' (or leave it unset)")
    if wanted == "cuda" and not torch.cuda.is_available():
        raise UserError("IELEARN_DEVICE=cuda, but torch sees no GPU (torch.cuda.is_available() is False)")
    return torch.device("cuda" if wanted != "cpu" and torch.cuda.is_available() else "cpu")


def load_tokenizer(path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(pretrained_path(path), use_fast=True)


def load_classifier(path, task=None, dropout=None):
    """A sequence classifier; `task` (for a pretrained encoder) sets labels and problem type.
    A saved IMPACTX model (two encoders and its heads) loads as itself."""
    from transformers import AutoModelForSequenceClassification

    from ielearn.classify.impactx.model import is_impactx, load_impactx

    if is_impactx(path):
        return load_impactx(path, dropout).to(compute_device())

    options = {"attn_implementation": "eager"}
    if task is not None:
        options["num_labels"] = task.num_labels
        options["problem_type"] = "regression" if task.regression else "single_label_classification"
        if not task.regression:
            options["id2label"] = dict(enumerate(task.labels))
            options["label2id"] = {label: i for i, label in enumerate(task.labels)}
    if dropout is not None:
        options.update(hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout)
    source = pretrained_path(path)
    try:
        model = AutoModelForSequenceClassification.from_pretrained(source, **options)
    except OSError as error:
        raise UserError(
            f"cannot load model '{path}': {error}. Use 'minilm' (offline), a local directory, "
            "or a hub name with network access and HF_HUB_OFFLINE=0."
        ) from None
    return model.to(compute_device())


def on_cuda(model):
    return next(model.parameters()).device.type == "cuda"


def set_threads(threads):
    """One process per core scales better than many threads fighting over a small machine."""
    torch.set_num_threads(max(1, int(threads)))


def encode(tokenizer, texts_a, texts_b=None, max_length=128, device=None, **options):
    """Tokenised, padded tensors (on `device` if given: the model's, for a forward pass)."""
    encoding = tokenizer(list(texts_a), None if texts_b is None else list(texts_b), truncation=True,
                         max_length=max_length, padding=True, return_tensors="pt", **options)
    return encoding if device is None else encoding.to(device)


def encoded_batches(model, tokenizer, examples, batch_size, max_length):
    """(batch of examples, its encoding with offsets, the model's inputs on its device), for
    explainers that read one forward pass per batch (padding is masked, so it changes nothing)."""
    pair = examples[0].text_b is not None
    for start in range(0, len(examples), batch_size):
        batch = examples[start:start + batch_size]
        encoding = encode(tokenizer, [e.text_a for e in batch], [e.text_b for e in batch] if pair else None,
                          max_length, return_offsets_mapping=True)
        yield batch, encoding, {k: v.to(model.device) for k, v in encoding.items() if k != "offset_mapping"}


class Predictor:
    """texts → model outputs (class probabilities, or the score for regression), batched.

    LIME and SHAP ask for thousands of perturbed texts, many of them repeated (a sentence of
    n words has 2^n masks); each distinct input is run once, in length-sorted batches.
    `forward` (encoded inputs → logits) is the one seam of the inference backends
    (ielearn/classify/backends.py); unset, the torch model itself runs.
    """

    def __init__(self, model, tokenizer, batch_size=64, max_length=128, forward=None):
        self.model, self.tokenizer = model.eval(), tokenizer
        self.forward = forward or (lambda inputs: self.model(**inputs).logits)
        self.batch_size, self.max_length = batch_size, max_length
        self.regression = model.config.problem_type == "regression" or model.config.num_labels == 1
        self.cache = {}
        self.calls = 0  # inputs actually run through the model

    def __call__(self, texts_a, texts_b=None):
        keys = list(zip(texts_a, texts_b if texts_b is not None else [None] * len(texts_a)))
        todo = sorted({key for key in keys if key not in self.cache}, key=lambda k: len(k[0]) + len(k[1] or ""))
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start:start + self.batch_size]
            outputs = self._run([a for a, _ in batch], None if batch[0][1] is None else [b for _, b in batch])
            self.cache.update(zip(batch, outputs))
        return np.stack([self.cache[key] for key in keys])

    @torch.inference_mode()
    def _run(self, texts_a, texts_b):
        self.calls += len(texts_a)
        inputs = encode(self.tokenizer, texts_a, texts_b, self.max_length, device=self.model.device)
        logits = self.forward(inputs)
        outputs = logits if self.regression else torch.softmax(logits, dim=-1)
        return list(outputs.float().cpu().numpy())

    def forget(self):
        """Drop cached outputs (memory stays bounded when explaining many examples)."""
        self.cache.clear()


def save_classifier(model, tokenizer, directory):
    Path(directory).mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
