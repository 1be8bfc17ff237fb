"""Every attention head's pre-softmax logits, read through the model's own forward pass.

The hook: transformers 5 dispatches self-attention to a registered attention function
(`AttentionInterface`, chosen by `config._attn_implementation`), and `output_attentions=True`
returns what that function gives back as its weights (the mask comes from the mask function
registered under the same name: eager's). `attention_logits` below is the eager
function of modeling_bert with one change: it returns the scaled query·key products before
the mask and the softmax instead of the probabilities. The model computes exactly what it
computes under "eager", and the logits come back as ordinary outputs: no module state, no
side channel, so the same call works under `torch.func.functional_call` and `grad`. (A
forward hook on the query/key linear layers would have to redo the product; the softmax
probabilities of "eager" would need a log that breaks where attention dropout zeroes them.)
"""

from contextlib import contextmanager

import torch
from torch import nn
from transformers import AttentionInterface
from transformers.masking_utils import AttentionMaskInterface, eager_mask

LOGITS_ATTENTION = "ielearn_attention_logits"


def attention_logits(module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
    """modeling_bert's eager attention, returning (output, unmasked scaled logits)."""
    scaling = query.size(-1) ** -0.5 if scaling is None else scaling
    logits = torch.matmul(query, key.transpose(2, 3)) * scaling
    weights = logits if attention_mask is None else logits + attention_mask
    weights = nn.functional.softmax(weights, dim=-1)
    weights = nn.functional.dropout(weights, p=dropout, training=module.training)
    return torch.matmul(weights, value).transpose(1, 2).contiguous(), logits


AttentionInterface.register(LOGITS_ATTENTION, attention_logits)
# The mask too: for an implementation it does not know, transformers builds no attention mask
# at all (masking_utils returns None), and padding keys would be attended to.
AttentionMaskInterface.register(LOGITS_ATTENTION, eager_mask)


def read_logits(model):
    """Make `model` (a BERT-family classifier) return attention logits as its attentions."""
    model.set_attn_implementation(LOGITS_ATTENTION)
    return model


@contextmanager
def logits_read(model):
    """`model` returns attention logits inside the block, and its own attention after."""
    before = model.config._attn_implementation
    read_logits(model)
    try:
        yield model
    finally:
        model.set_attn_implementation(before)


def head_token_logits(model, inputs):
    """(the classifier's output logits, [batch, layers·heads, tokens] row-mean attention logits)
    of one forward pass of a model that reads logits (read_logits)."""
    outputs = model(**inputs, output_attentions=True)
    return outputs.logits, row_mean_logits(outputs.attentions, inputs["attention_mask"])


def row_mean_logits(attentions, attention_mask):
    """s^h of eq. 11 for every head of every layer: the mean over the real query rows of each
    head's logits, [batch, layers·heads, tokens] (layer-major: head h of layer l is l·H + h).
    Padding rows are left out of the mean; padding keys keep a value the word map ignores."""
    rows = attention_mask.to(attentions[0].dtype)[:, None, :, None]  # [B, 1, query, 1]
    means = [(layer * rows).sum(dim=2) / rows.sum(dim=2) for layer in attentions]
    return torch.cat(means, dim=1)
