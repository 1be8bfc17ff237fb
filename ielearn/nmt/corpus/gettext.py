"""A real parallel corpus from the translation catalogs of PyPI wheels (`source: gettext`).

Message pairs (English msgid, translated msgstr) are read with polib, filtered
(ielearn.nmt.corpus.messages), de-duplicated on the English side across all packages, and split
deterministically, so no English string appears in two splits.
"""

import collections
import logging

from ielearn.nmt.corpus.catalogs import wheel_messages
from ielearn.nmt.corpus.messages import duplicate_key, normalise, rejection_reason
from ielearn.nmt.corpus.split import split_by_key

log = logging.getLogger(__name__)


def harvest_pairs(wheels, lang, min_words, max_words):
    """Clean, unique (package, english, translation) triples and counts for the data card.

    `wheels` is a list of (package, wheel path); earlier packages win duplicates.
    """
    pairs, seen = [], set()
    counts = collections.defaultdict(collections.Counter)  # package -> reason -> messages
    for package, wheel in wheels:
        for _, english, translation in wheel_messages(wheel, lang):
            english, translation = normalise(english), normalise(translation)
            reason = rejection_reason(english, translation, min_words, max_words)
            if reason is None and duplicate_key(english) in seen:
                reason = "duplicate"
            counts[package][reason or "kept"] += 1
            if reason is None:
                seen.add(duplicate_key(english))
                pairs.append((package, english, translation))
        if not counts[package]["kept"]:
            log.warning("%s: no usable '%s' messages in %s", package, lang, wheel)
    return pairs, counts


def catalog_language(dataset):
    """The language whose catalogs are read: the side of the dataset that is not English."""
    return dataset["tgt_lang"] if dataset["src_lang"] == "en" else dataset["src_lang"]


def gettext_corpus(wheels, dataset, what):
    """{split: [(package, english, translation)]} and the per-package filter counts."""
    pairs, counts = harvest_pairs(
        wheels, catalog_language(dataset), dataset["min_words"], dataset["max_words"]
    )
    keys = [duplicate_key(english) for _, english, _ in pairs]
    return split_by_key(pairs, keys, dataset["sizes"], dataset["seed"], what), counts


def oriented(triples, dataset):
    """(source lines, target lines) of (package, english, translation) in the dataset's direction."""
    english = [pair[1] for pair in triples]
    other = [pair[2] for pair in triples]
    return (english, other) if dataset["src_lang"] == "en" else (other, english)
