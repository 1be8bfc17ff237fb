"""Joint BPE with subword-nmt: codes learnt on both sides of the training text."""

import itertools

from subword_nmt.apply_bpe import BPE
from subword_nmt.learn_bpe import learn_bpe

from ielearn.io import atomic_write, read_lines, write_lines
from ielearn.progress import progress


def learn_joint_bpe(train_paths, codes_path, merges):
    """Learn `merges` BPE merge operations jointly on all `train_paths` (source and target)."""
    # newline="\n": lines end at LF only, as everywhere else (ielearn.io.split_lines)
    handles = [open(path, encoding="utf-8", newline="\n") for path in train_paths]
    try:
        with atomic_write(codes_path) as out:
            learn_bpe(itertools.chain(*handles), out, merges)
    finally:
        for handle in handles:
            handle.close()


def apply_bpe(in_path, codes_path, out_path, check=None):
    """Segment every line of `in_path` with the learnt codes; `check(lines)` may refuse the
    segmented lines before anything is written."""
    with open(codes_path, encoding="utf-8") as codes:
        bpe = BPE(codes)
    lines = [bpe.process_line(line) for line in progress(read_lines(in_path), f"apply BPE {in_path}")]
    if check is not None:
        check(lines)
    write_lines(out_path, lines)


def remove_bpe(line):
    """Join subword-nmt's pieces: fairseq's `post_process(line, "subword_nmt")` rule, kept
    here so that a text-only job need not import fairseq and torch (seconds per job)."""
    return (line + " ").replace("@@ ", "").rstrip()
