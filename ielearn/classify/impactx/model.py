"""IMPACTX's networks on a pretrained text encoder (the paper's Fig. 1, images → text):

- M: the encoder of the classifier; m is its [CLS] state (what a plain classifier reads);
- LEP (latent explanation predictor): a second encoder of the same architecture over the
  same input, started from the same pretrained weights; its per-token states are the latents
  and its [CLS] state is z;
- D: a linear head from each latent to one score per wordpiece (losses.py averages the
  pieces of a word), trained to reproduce the teacher's map R;
- C: a linear classifier over [m; z] (with the encoder's dropout before it).
The paper's D for CIFAR is a stack of up-convolutions from a latent vector to an image; on
text the latents are already per token, so one linear layer maps them to scores.

The model answers as a transformers classifier does where the pipeline calls it (`.logits`
of a call, `.config`, `.device`, `save_pretrained`), so the training loop, scoring, LIME and
SHAP run on it unchanged. With λ = 0 D gets no gradient, and the optimiser (AdamW, which
skips a parameter without a gradient, weight decay included) leaves it as initialised.
"""

import json
from pathlib import Path
from typing import NamedTuple

import torch
from torch import nn

MARKER = "impactx.json"  # beside the two encoders: this directory is an IMPACTX model
HEADS = "impactx_heads.pt"


class ImpactxOutput(NamedTuple):
    logits: torch.Tensor  # (batch, labels): C([m; z])
    token_map: torch.Tensor  # (batch, tokens): D's score per wordpiece


class ImpactxClassifier(nn.Module):
    def __init__(self, m_encoder, lep_encoder, num_labels):
        super().__init__()
        self.m, self.lep = m_encoder, lep_encoder
        m_size, lep_size = m_encoder.config.hidden_size, lep_encoder.config.hidden_size
        self.decoder = nn.Linear(lep_size, 1)  # D
        self.dropout = nn.Dropout(m_encoder.config.hidden_dropout_prob)
        self.classifier = nn.Linear(m_size + lep_size, num_labels)  # C
        self.config.num_labels = num_labels

    @property
    def config(self):
        """M's configuration, carrying the task's labels (as a classifier's does)."""
        return self.m.config

    @property
    def device(self):
        return next(self.parameters()).device

    def forward(self, input_ids, attention_mask, token_type_ids=None, **_):
        inputs = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None:
            inputs["token_type_ids"] = token_type_ids
        m = self.m(**inputs).last_hidden_state[:, 0]
        latents = self.lep(**inputs).last_hidden_state
        z = latents[:, 0]
        logits = self.classifier(self.dropout(torch.cat([m, z], dim=-1)))
        return ImpactxOutput(logits, self.decoder(latents).squeeze(-1))

    def save_pretrained(self, directory):
        directory = Path(directory)
        self.m.save_pretrained(directory / "m")
        self.lep.save_pretrained(directory / "lep")
        torch.save({"decoder": self.decoder.state_dict(), "classifier": self.classifier.state_dict()},
                   directory / HEADS)
        (directory / MARKER).write_text(json.dumps({"num_labels": self.classifier.out_features}) + "\n")


def is_impactx(directory):
    return (Path(directory) / MARKER).is_file()


def _encoder(path, task=None, dropout=None):
    from transformers import AutoModel

    options = {"attn_implementation": "eager"}
    if dropout is not None:
        options.update(hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout)
    encoder = AutoModel.from_pretrained(path, **options)
    if task is not None:
        encoder.config.problem_type = "single_label_classification"
        encoder.config.id2label = dict(enumerate(task.labels))
        encoder.config.label2id = {label: i for i, label in enumerate(task.labels)}
    return encoder


def impactx_from_pretrained(path, num_labels, task=None, dropout=None):
    """M and LEP both from the pretrained encoder at `path` (two copies), D and C new."""
    return ImpactxClassifier(_encoder(path, task, dropout), _encoder(path, task, dropout), num_labels)


def load_impactx(directory, dropout=None):
    """The IMPACTX model saved in `directory` (save_pretrained)."""
    directory = Path(directory)
    num_labels = json.loads((directory / MARKER).read_text())["num_labels"]
    model = ImpactxClassifier(_encoder(directory / "m", dropout=dropout), _encoder(directory / "lep", dropout=dropout),
                              num_labels)
    heads = torch.load(directory / HEADS, map_location="cpu")
    model.decoder.load_state_dict(heads["decoder"])
    model.classifier.load_state_dict(heads["classifier"])
    return model


def make_impactx(init_model, task=None, dropout=None):
    """ielearn.classify.train.finetune's `make_model` for IMPACTX: from the pretrained encoder
    (a task given) two encoders and new heads; else the IMPACTX model saved at init_model."""
    from ielearn.classify.model import compute_device, load_classifier
    from ielearn.classify.pretrained import pretrained_path
    from ielearn.errors import UserError

    if task is None:
        return load_classifier(init_model, dropout=dropout)
    if task.regression:
        raise UserError("IMPACTX's classifier is trained with cross entropy and this task is a regression "
                        "(one score): leave impactx out of this experiment")
    return impactx_from_pretrained(pretrained_path(init_model), task.num_labels, task, dropout).to(compute_device())
