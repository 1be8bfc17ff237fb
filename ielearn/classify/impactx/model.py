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
"""

import torch
from torch import nn


class ImpactxClassifier(nn.Module):
    def __init__(self, m_encoder, lep_encoder, num_labels):
        super().__init__()
        self.m, self.lep = m_encoder, lep_encoder
        m_size, lep_size = m_encoder.config.hidden_size, lep_encoder.config.hidden_size
        self.decoder = nn.Linear(lep_size, 1)  # D
        self.dropout = nn.Dropout(m_encoder.config.hidden_dropout_prob)
        self.classifier = nn.Linear(m_size + lep_size, num_labels)  # C

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        """(logits over the labels, D's score per token)."""
        inputs = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None:
            inputs["token_type_ids"] = token_type_ids
        m = self.m(**inputs).last_hidden_state[:, 0]
        latents = self.lep(**inputs).last_hidden_state
        z = latents[:, 0]
        logits = self.classifier(self.dropout(torch.cat([m, z], dim=-1)))
        return logits, self.decoder(latents).squeeze(-1)


def impactx_from_pretrained(path, num_labels):
    """M and LEP both from the pretrained encoder at `path` (two copies), D and C new."""
    from transformers import AutoModel

    m = AutoModel.from_pretrained(path, attn_implementation="eager")
    lep = AutoModel.from_pretrained(path, attn_implementation="eager")
    return ImpactxClassifier(m, lep, num_labels)


def trainable_parameters(model, lam):
    """What the optimiser updates: everything, but D only when λ > 0 (with λ = 0, weight
    decay alone would still move D's weights, and the λ = 0 control must leave D untrained)."""
    return [p for name, p in model.named_parameters() if lam or not name.startswith("decoder.")]
