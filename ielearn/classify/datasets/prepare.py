"""Turn a `classification.datasets` entry into train/valid/test example TSVs, and into the
pool of labelled examples that no split uses (the simulability students' data,
docs/simulability.md): trec's and GLUE's training examples that `max_examples.train` leaves
out, a synthetic dataset's `sizes.pool` examples drawn apart, a files dataset's `pool` file."""

import random
from pathlib import Path

from ielearn.classify.datasets.glue import load_glue
from ielearn.classify.datasets.synthetic import synthetic_examples
from ielearn.classify.datasets.trec import read_trec
from ielearn.classify.examples import read_examples, write_examples
from ielearn.classify.tasks import GLUE, task_of

SPLITS = ("train", "valid", "test")
POOL = "pool"


def _hold_out(examples, size, seed):
    """(rest, held out): a seeded random `size` examples set apart."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    held = set(order[:size])
    return ([e for i, e in enumerate(examples) if i not in held],
            [e for i, e in enumerate(examples) if i in held])


def _subsample(examples, limit, seed):
    return [examples[i] for i in _kept(examples, limit, seed)]


def _kept(examples, limit, seed):
    """Indices of the examples a split keeps: all, or a seeded sample of `limit` (the same
    draw as sampling the examples themselves: Random.sample picks by position)."""
    if limit is None or limit >= len(examples):
        return range(len(examples))
    return random.Random(seed).sample(range(len(examples)), limit)


def _all_splits(dataset):
    """{split: [Example]} before `max_examples`."""
    source, seed = dataset["source"], dataset["seed"]
    if source == "synthetic":
        sizes = dataset["sizes"]
        return {split: synthetic_examples(sizes[split], f"{seed}-{split}") for split in SPLITS}
    if source == "files":
        task = task_of(dataset)
        return {split: read_examples(dataset[split], task) for split in SPLITS}
    if source == "trec":
        rest, test = _hold_out(read_trec(), dataset["test_size"], f"{seed}-test")
        train, valid = _hold_out(rest, dataset["valid_size"], f"{seed}-valid")
        return {"train": train, "valid": valid, "test": test}
    # glue: GLUE's dev set is our test set
    directory = dataset["dir"] or f"resources/glue/{GLUE[dataset['task']].directory}"
    train, test = load_glue(dataset["task"], directory)
    train, valid = _hold_out(train, dataset["valid_size"], f"{seed}-valid")
    return {"train": train, "valid": valid, "test": test}


def dataset_splits(dataset):
    """{split: [Example]} for a validated dataset entry."""
    splits, seed, limits = _all_splits(dataset), dataset["seed"], dataset["max_examples"]
    return {split: _subsample(splits[split], limits[split], f"{seed}-{split}") for split in SPLITS}


def dataset_pool(dataset):
    """The labelled examples no split uses, in a fixed order: a synthetic dataset's
    `sizes.pool` examples (drawn with their own seed), a files dataset's `pool` file, else the
    training examples `max_examples.train` leaves out ([] when it keeps them all)."""
    source, seed = dataset["source"], dataset["seed"]
    if source == "synthetic":
        return synthetic_examples(dataset["sizes"].get(POOL) or 0, f"{seed}-{POOL}")
    if source == "files":
        return read_examples(dataset[POOL], task_of(dataset)) if dataset.get(POOL) else []
    train = _all_splits(dataset)["train"]
    kept = set(_kept(train, dataset["max_examples"]["train"], f"{seed}-train"))
    return [example for i, example in enumerate(train) if i not in kept]


def prepare_dataset(dataset, out_dir):
    """Write out_dir/{train,valid,test}.tsv."""
    for split, examples in dataset_splits(dataset).items():
        write_examples(Path(out_dir) / f"{split}.tsv", examples)


def prepare_pool(dataset, path):
    """Write the unused examples (dataset_pool) to `path`."""
    write_examples(path, dataset_pool(dataset))
