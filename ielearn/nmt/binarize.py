"""Dictionaries and binarised data with fairseq-preprocess."""

import os
import tempfile
from pathlib import Path

from ielearn.io import atomic_directory
from ielearn.nmt.commands import run_fairseq

SPLITS = ("train", "valid", "test")


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
        run_fairseq(
            "fairseq-preprocess",
            ["--source-lang", "src", "--target-lang", "tgt", "--trainpref", f"{stage}/train",
             "--destdir", tmp, "--dict-only", "--workers", workers],
        )
        if separator is not None:
            with open(Path(tmp) / "dict.src.txt", "a", encoding="utf-8") as src_dict:
                src_dict.write(f"{separator} 1\n")


def binarize(files, dict_dir, out_dir, workers=1):
    """Binarise {(split, side): path} for train/valid/test with fixed dictionaries."""
    with atomic_directory(out_dir) as tmp, tempfile.TemporaryDirectory() as stage:
        _stage_split_files(stage, files)
        run_fairseq(
            "fairseq-preprocess",
            ["--source-lang", "src", "--target-lang", "tgt",
             "--trainpref", f"{stage}/train", "--validpref", f"{stage}/valid",
             "--testpref", f"{stage}/test",
             "--srcdict", Path(dict_dir) / "dict.src.txt",
             "--tgtdict", Path(dict_dir) / "dict.tgt.txt",
             "--destdir", tmp, "--workers", workers],
        )
