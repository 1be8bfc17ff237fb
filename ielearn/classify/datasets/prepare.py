"""Turn a `classification.datasets` entry into train/valid/test example TSVs."""

import random
from pathlib import Path

from ielearn.classify.datasets.glue import load_glue
from ielearn.classify.datasets.synthetic import synthetic_examples
from ielearn.classify.datasets.trec import read_trec
from ielearn.classify.examples import read_examples, write_examples
from ielearn.classify.tasks import GLUE, task_of

SPLITS = ("train", "valid", "test")


def _hold_out(examples, size, seed):
    """(rest, held out): a seeded random `size` examples set apart."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    held = set(order[:size])
    return ([e for i, e in enumerate(examples) if i not in held],
            [e for i, e in enumerate(examples) if i in held])


def _subsample(examples, limit, seed):
    if limit is None or limit >= len(examples):
        return examples
    return random.Random(seed).sample(examples, limit)


def dataset_splits(dataset):
    """{split: [Example]} for a validated dataset entry."""
    source, seed = dataset["source"], dataset["seed"]
    if source == "synthetic":
        sizes = dataset["sizes"]
        return {split: synthetic_examples(sizes[split], f"{seed}-{split}") for split in SPLITS}
    if source == "files":
        task = task_of(dataset)
        splits = {split: read_examples(dataset[split], task) for split in SPLITS}
    elif source == "trec":
        rest, test = _hold_out(read_trec(), dataset["test_size"], f"{seed}-test")
        train, valid = _hold_out(rest, dataset["valid_size"], f"{seed}-valid")
        splits = {"train": train, "valid": valid, "test": test}
    else:  # glue: GLUE's dev set is our test set
        directory = dataset["dir"] or f"resources/glue/{GLUE[dataset['task']].directory}"
        train, test = load_glue(dataset["task"], directory)
        train, valid = _hold_out(train, dataset["valid_size"], f"{seed}-valid")
        splits = {"train": train, "valid": valid, "test": test}
    limits = dataset["max_examples"]
    return {split: _subsample(splits[split], limits[split], f"{seed}-{split}") for split in SPLITS}


def prepare_dataset(dataset, out_dir):
    """Write out_dir/{train,valid,test}.tsv."""
    for split, examples in dataset_splits(dataset).items():
        write_examples(Path(out_dir) / f"{split}.tsv", examples)
