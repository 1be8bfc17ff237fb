"""Dictionaries and binarised data with fairseq-preprocess, plus source position ids.

fairseq-preprocess runs in this process, not as a child: the job imports fairseq once, for
it and for writing the position ids (a fairseq-preprocess child would import it again, about
3.5 s of CPU per job).
"""

import os
import tempfile
from pathlib import Path

from fairseq import options
from fairseq_cli import preprocess

from ielearn.io import atomic_directory, read_lines
from ielearn.nmt.attention import identity_origin
from ielearn.nmt.fairseq_plugin.source_positions import positions_prefix, write_positions

SPLITS = ("train", "valid", "test")


def run_preprocess(args):
    """fairseq-preprocess with these command-line arguments, in this process."""
    parsed = options.get_preprocessing_parser().parse_args([str(arg) for arg in args])
    before = set(preprocess.logger.handlers)
    try:
        preprocess.main(parsed)
    finally:  # main adds a handler writing <destdir>/preprocess.log; the next call has its own
        for handler in set(preprocess.logger.handlers) - before:
            preprocess.logger.removeHandler(handler)
            handler.close()


def _stage_split_files(stage_dir, files):
    """fairseq-preprocess wants <prefix>.src and <prefix>.tgt side by side: link them so."""
    for (split, side), path in files.items():
        os.symlink(Path(path).resolve(), Path(stage_dir) / f"{split}.{side}")


def build_dictionaries(train_src, train_tgt, out_dir, separator=None, workers=1):
    """Build source/target dictionaries from training text (fairseq-preprocess --dict-only).

    A separator token, when configured, is added to the source dictionary here, before the
    baseline is trained, so every later model shares the baseline's vocabulary.
    """
    with atomic_directory(out_dir) as tmp, tempfile.TemporaryDirectory() as stage:
        _stage_split_files(stage, {("train", "src"): train_src, ("train", "tgt"): train_tgt})
        run_preprocess(
            ["--source-lang", "src", "--target-lang", "tgt", "--trainpref", f"{stage}/train",
             "--destdir", tmp, "--dict-only", "--workers", workers],
        )
        if separator is not None:
            with open(Path(tmp) / "dict.src.txt", "a", encoding="utf-8") as src_dict:
                src_dict.write(f"{separator} 1\n")


def binarize(files, dict_dir, out_dir, origins=None, workers=1):
    """Binarise {(split, side): path} for train/valid/test with fixed dictionaries.

    Beside each binarised split go its source position ids (`<split>.positions.bin/.idx`,
    format in ielearn/nmt/fairseq_plugin/source_positions.py), read by the positions task:
    from `origins[split]`, the enrich stage's .origin file, or the identity when a split
    has none (the baseline's plain x).
    """
    origins = origins or {}
    with atomic_directory(out_dir) as tmp, tempfile.TemporaryDirectory() as stage:
        _stage_split_files(stage, files)
        run_preprocess(
            ["--source-lang", "src", "--target-lang", "tgt",
             "--trainpref", f"{stage}/train", "--validpref", f"{stage}/valid",
             "--testpref", f"{stage}/test",
             "--srcdict", Path(dict_dir) / "dict.src.txt",
             "--tgtdict", Path(dict_dir) / "dict.tgt.txt",
             "--destdir", tmp, "--workers", workers],
        )
        for split in SPLITS:
            _write_split_positions(tmp, split, files[(split, "src")], origins.get(split))


def _write_split_positions(bin_dir, split, source_path, origin_path):
    lengths = [len(line.split()) for line in read_lines(source_path)]
    if origin_path is None:
        origin_lines = [identity_origin(length) for length in lengths]
    else:
        origin_lines = [[int(i) for i in line.split()] for line in read_lines(origin_path)]
        mismatch = [n for n, (length, origin) in enumerate(zip(lengths, origin_lines), 1)
                    if length != len(origin)]
        if len(origin_lines) != len(lengths) or mismatch:
            where = f"line {mismatch[0]}" if mismatch else "line count"
            raise RuntimeError(f"{origin_path} and {source_path} differ ({where}): rerun enrich")
    write_positions(positions_prefix(bin_dir, split), origin_lines)
