"""The sparse coding layer g_φ (SCC eq. 2-3): word importances M from every hidden layer.

g(l) = tanh(MLP_gate(h(l))) ⊙ MLP_rep(h(l)) for each of the L+1 hidden states (the embedding
output and every encoder layer), M = MLP_proba([g(0); ...; g(L)]). §4.1: MLP_rep and MLP_gate
project a token's representation to 100 dimensions, MLP_proba outputs one number.
Choices where the paper is silent: "one-layer MLP" is one linear layer; the three MLPs are
shared by all layers (the paper names three MLPs, and eq. 2 uses the same ones for every
h(l)); MLP_proba ends in a sigmoid, so that M_i ∈ [0, 1] as §3.1 requires.
"""

import torch
from torch import nn


class SparseCodingLayer(nn.Module):
    def __init__(self, hidden_size, layers, size=100):
        """hidden_size: the encoder's width; layers: how many hidden states (L + 1)."""
        super().__init__()
        self.hidden_size, self.layers, self.size = hidden_size, layers, size
        self.rep = nn.Linear(hidden_size, size)
        self.gate = nn.Linear(hidden_size, size)
        self.proba = nn.Linear(layers * size, 1)

    def forward(self, hidden_states):
        """hidden_states: L+1 tensors (batch, tokens, hidden) → M: (batch, tokens) in (0, 1)."""
        if len(hidden_states) != self.layers:
            raise ValueError(f"the layer was built for {self.layers} hidden states, got {len(hidden_states)}")
        gated = [torch.tanh(self.gate(h)) * self.rep(h) for h in hidden_states]
        return torch.sigmoid(self.proba(torch.cat(gated, dim=-1))).squeeze(-1)

    def shape(self):
        """What rebuilds the layer (saved beside its weights)."""
        return {"hidden_size": self.hidden_size, "layers": self.layers, "size": self.size}
