"""A user's own raw parallel text: checked line by line, then copied into the results tree.

A line ends only at LF (as `wc -l` counts). Characters that other tools take for line ends,
and invisible or control characters (ielearn/nmt/corpus/characters.py), stop the corpus stage
with the file, line and character; so do blank valid/test lines, which would be translated
and scored.
"""

import logging
from pathlib import Path

from ielearn.errors import UserError
from ielearn.io import split_lines
from ielearn.nmt.corpus.characters import describe, first_forbidden, fix_for, normalise_line

log = logging.getLogger(__name__)
SCORED_SPLITS = ("valid", "test")


def _decoded(path, what):
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{what}: {path} is a directory; give the path of a text file "
                        "(one sentence per line) in config.yaml")
    if not path.is_file():
        raise UserError(f"{what}: file not found: {path} (fix the path in config.yaml)")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            f"{what}: {path} is not valid UTF-8 (line {line}, byte {error.start}); "
            "convert it, e.g. `iconv -f latin1 -t utf-8`"
        ) from None


def read_text_file(path, what, normalise=False):
    """Lines of a UTF-8 text file, split at LF only.

    A forbidden character (characters.py) is an error naming file, line and column; with
    `normalise` (files the user cannot edit, e.g. official archives) it becomes a space, and
    the count is logged.
    """
    lines = split_lines(_decoded(path, what))
    replaced = 0
    for number, line in enumerate(lines, 1):
        found = first_forbidden(line)
        if found is None:
            continue
        if not normalise:
            column, char = found
            raise UserError(f"{what}: {path} line {number}, column {column}: {describe(char)}; "
                            f"{fix_for(char)}")
        lines[number - 1], count = normalise_line(line)
        replaced += count
    if replaced:
        log.warning("%s: %s: replaced %d control or line-separator characters by spaces",
                    what, path, replaced)
    return lines


def _check_scored_lines(lines, path, what):
    """Blank valid/test lines would be translated and scored as if they were sentences."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            raise UserError(f"{what}: {path} line {number} is blank; valid and test lines are "
                            "scored, so remove that line from both files of the pair (or fill it)")


def read_parallel(src_path, tgt_path, what, scored=False):
    """Source and target lines of one split, checked for encoding, characters and alignment;
    `scored` (valid, test) also refuses blank lines."""
    src = read_text_file(src_path, f"{what} source")
    tgt = read_text_file(tgt_path, f"{what} target")
    if len(src) != len(tgt):
        raise UserError(
            f"{what}: {src_path} has {len(src)} lines but {tgt_path} has {len(tgt)}; "
            "parallel files must have one sentence per line, line-aligned"
        )
    if not any(line.strip() for line in src):
        raise UserError(f"{what}: {src_path} is empty; give at least one sentence pair")
    if scored:
        _check_scored_lines(src, src_path, f"{what} source")
        _check_scored_lines(tgt, tgt_path, f"{what} target")
    return src, tgt


def read_parallel_files(files, dataset, splits=("train", "valid", "test")):
    """{split: (src lines, tgt lines)} of {split: {"src": path, "tgt": path}}, all checked."""
    return {
        split: read_parallel(files[split]["src"], files[split]["tgt"],
                             f"dataset '{dataset}' {split}", scored=split in SCORED_SPLITS)
        for split in splits
    }
