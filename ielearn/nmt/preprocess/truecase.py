"""Moses truecasing (sacremoses): a model learnt on the training side, applied everywhere."""

import os

from sacremoses import MosesDetruecaser, MosesTruecaser

from ielearn.io import atomic_write, read_lines
from ielearn.progress import progress


def train_truecaser(train_path, model_path):
    """Learn a truecasing model from tokenised training text and save it to `model_path`."""
    documents = [line.split() for line in read_lines(train_path)]
    truecaser = MosesTruecaser()
    truecaser.train(documents)
    tmp = f"{model_path}.tmp"
    truecaser.save_model(tmp)
    os.replace(tmp, model_path)


def truecase_file(in_path, model_path, out_path):
    """Truecase every line of tokenised text with a saved model."""
    truecaser = MosesTruecaser(load_from=model_path)
    with atomic_write(out_path) as out:
        for line in progress(read_lines(in_path), f"truecase {in_path}"):
            out.write(truecaser.truecase(line, return_str=True) + "\n")


def make_detruecaser():
    return MosesDetruecaser()


def detruecase_line(detruecaser, line):
    return detruecaser.detruecase(line, return_str=True)
