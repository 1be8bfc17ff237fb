"""What turns a stock fairseq encoder-decoder into one that reads `src_positions`.

The task's collater puts `src_positions` into `net_input`. fairseq then hands every
net_input key to `model.forward` (training and validation: the criterion calls
`model(**net_input)`) and every key but prev_output_tokens to `encoder.forward`
(generation: `forward_torchscript` -> `forward_non_torchscript`). Both therefore accept the
key and impose the ids on the encoder's positional embedding for the duration of the call;
without the key they are the stock forward.
"""

from contextlib import nullcontext

from ielearn.nmt.fairseq_plugin.position_ids import accept_position_ids


class EncoderWithPositions:
    def forward(self, *args, src_positions=None, **kwargs):
        with self.imposing(src_positions):
            return super().forward(*args, **kwargs)

    def imposing(self, src_positions):
        if src_positions is None:
            return nullcontext()
        if self.embed_positions is None:
            raise ValueError("src_positions given to an encoder without positional embeddings")
        return self.embed_positions.given(src_positions)


class ModelWithPositions:
    def forward(self, *args, src_positions=None, **kwargs):
        with self.encoder.imposing(src_positions):
            return super().forward(*args, **kwargs)


_ENCODER_CLASSES = {}


def encoder_with_positions(encoder):
    """Re-class a freshly built stock encoder (and its positional embedding) in place.

    The stock model builders construct their encoder class by name; re-classing the result
    adds the `src_positions` argument without copying those builders and keeps the exact
    parameters and random initialisation they made.
    """
    stock = type(encoder)
    if stock not in _ENCODER_CLASSES:
        _ENCODER_CLASSES[stock] = type(f"{stock.__name__}WithPositions", (EncoderWithPositions, stock), {})
    encoder.__class__ = _ENCODER_CLASSES[stock]
    if encoder.embed_positions is not None:
        accept_position_ids(encoder.embed_positions)
    return encoder
