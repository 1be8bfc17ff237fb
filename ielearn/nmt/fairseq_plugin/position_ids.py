"""Positional embeddings that can be given explicit position ids (attention positions, η).

fairseq's encoders call `self.embed_positions(src_tokens)` and let the module number the
tokens itself (`utils.make_positions`: non-pad tokens get padding_idx+1, padding_idx+2, ...
from the first real token, pads get padding_idx). The stock modules cannot be told other
ids from there: `SinusoidalPositionalEmbedding.forward` recomputes them, and
`LearnedPositionalEmbedding` refuses precomputed ids while its padding_idx is set.

The subclasses below add one thing: inside `with module.given(ids):` the ids in `ids`
(fairseq numbering: padding_idx+1+index, padding_idx for pads) are used instead of
make_positions. Without ids, or with ids equal to make_positions, they return exactly what
the stock modules return. They hold no extra state, so checkpoints are interchangeable
with the stock models.
"""

from contextlib import contextmanager

import torch.nn.functional as F
from fairseq.modules import LearnedPositionalEmbedding, SinusoidalPositionalEmbedding


class PositionIdsMixin:
    """`given(ids)` makes the next forward calls embed `ids` instead of make_positions."""

    position_ids = None

    @contextmanager
    def given(self, ids):
        previous = self.position_ids
        self.position_ids = ids
        try:
            yield
        finally:
            self.position_ids = previous

    def checked_ids(self, tokens):
        """The imposed ids, after checking they match the tokens' shape and padding."""
        ids = self.position_ids
        if ids.shape != tokens.shape:
            raise ValueError(f"src_positions {tuple(ids.shape)} != src_tokens {tuple(tokens.shape)}")
        if not bool(((ids == self.padding_idx) == tokens.eq(self.padding_idx)).all()):
            raise ValueError("src_positions are not padded where src_tokens are")
        return ids.to(tokens.device)


class PositionIdsSinusoidal(PositionIdsMixin, SinusoidalPositionalEmbedding):
    def forward(self, input, incremental_state=None, timestep=None, positions=None):
        if self.position_ids is None or incremental_state is not None:
            return super().forward(input, incremental_state, timestep, positions)
        ids = self.checked_ids(input)
        needed = int(ids.max()) + 1
        if needed > self.weights.size(0):  # grow the table as the stock module does
            self.weights = self.get_embedding(needed, self.embedding_dim, self.padding_idx).to(
                self.weights
            )
        bsz, seq_len = input.shape
        return self.weights.index_select(0, ids.reshape(-1)).view(bsz, seq_len, -1).detach()


class PositionIdsLearned(PositionIdsMixin, LearnedPositionalEmbedding):
    def forward(self, input, incremental_state=None, positions=None):
        if self.position_ids is None or incremental_state is not None:
            return super().forward(input, incremental_state, positions)
        ids = self.checked_ids(input)
        if int(ids.max()) >= self.num_embeddings:
            raise ValueError(
                f"position id {int(ids.max())} exceeds the {self.max_positions} learned positions"
            )
        # the stock forward, with our ids in place of make_positions(input)
        return F.embedding(ids, self.weight, self.padding_idx, self.max_norm,
                           self.norm_type, self.scale_grad_by_freq, self.sparse)


_WITH_IDS = {
    SinusoidalPositionalEmbedding: PositionIdsSinusoidal,
    LearnedPositionalEmbedding: PositionIdsLearned,
}


def accept_position_ids(module):
    """Give an existing stock positional embedding the `given(ids)` ability, in place.

    Re-classing (rather than building a new module) keeps the very parameters, buffers and
    random initialisation the stock model built, so a seeded plugin model starts from the
    same weights as the stock one and loads the same checkpoints.
    """
    upgraded = _WITH_IDS.get(type(module))
    if upgraded is None:
        raise TypeError(f"no position-id version of {type(module).__name__}")
    module.__class__ = upgraded
    return module
