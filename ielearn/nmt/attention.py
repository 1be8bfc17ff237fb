"""From fairseq's hard alignment to attention positions (ρ) and attention words (α).

Positions are 0-based indices into the original BPE source x. A model at bootstrap
iteration k reads x followed by appended words; each input token carries its *origin*,
the index in x it stands for, so attention on an appended token resolves back to x.
"""


def positions_per_target(alignment, hyp_length):
    """Source index per hypothesis token from fairseq's (src, tgt) hard-alignment pairs.

    fairseq gives exactly one pair per hypothesis token (target EOS excluded), in order.
    """
    positions = [None] * hyp_length
    for src, tgt in alignment:
        positions[int(tgt)] = int(src)
    if None in positions:
        raise ValueError(f"alignment {alignment} does not cover all {hyp_length} target tokens")
    return positions


def resolve_positions(model_positions, origin):
    """Map indices into the model's input to indices into the original source x."""
    return [origin[position] for position in model_positions]


def words_at(tokens, positions):
    """The source tokens at the given positions: α_j = x_{ρ_j}."""
    return [tokens[position] for position in positions]


def identity_origin(length):
    return list(range(length))
