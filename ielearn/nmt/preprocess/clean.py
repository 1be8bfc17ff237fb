"""Drop training pairs that are empty, too long or too unequal (Moses clean-corpus-n rules)."""

import logging

from ielearn.errors import UserError
from ielearn.io import atomic_write, read_lines

log = logging.getLogger(__name__)


def keep_pair(src, tgt, max_len=175, max_ratio=1.5):
    """True when both sides have 1..max_len tokens and neither is max_ratio times the other."""
    n_src, n_tgt = len(src.split()), len(tgt.split())
    if not (0 < n_src <= max_len and 0 < n_tgt <= max_len):
        return False
    return n_src / n_tgt <= max_ratio and n_tgt / n_src <= max_ratio


def filter_pairs(src_in, tgt_in, src_out, tgt_out, max_len=175, max_ratio=1.5):
    """Write the pairs of (src_in, tgt_in) that `keep_pair` accepts; return how many were kept."""
    src_lines, tgt_lines = read_lines(src_in), read_lines(tgt_in)
    if len(src_lines) != len(tgt_lines):
        raise UserError(f"{src_in} and {tgt_in} differ in line count")
    kept = [(s, t) for s, t in zip(src_lines, tgt_lines) if keep_pair(s, t, max_len, max_ratio)]
    if not kept:
        raise UserError(
            f"no training pair of {src_in} survives the length filter "
            f"(max_len {max_len}, max_ratio {max_ratio}); check the data or those keys"
        )
    with atomic_write(src_out) as src_file, atomic_write(tgt_out) as tgt_file:
        for src, tgt in kept:
            src_file.write(src + "\n")
            tgt_file.write(tgt + "\n")
    log.info("kept %d of %d training pairs", len(kept), len(src_lines))
    return len(kept)
