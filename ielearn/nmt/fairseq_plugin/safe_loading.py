"""Allow-list for the non-tensor objects that fairseq stores in its checkpoints."""

import argparse

import torch


def allow_fairseq_checkpoint_globals():
    torch.serialization.add_safe_globals([argparse.Namespace])
