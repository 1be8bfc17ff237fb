"""GLUE tasks from the official TSVs (if present) or HF `datasets` (online).

GLUE hides its test labels, so ielearn scores on GLUE's dev set (our `test`) and holds out
part of GLUE's train set as `valid`, as papers reporting GLUE dev numbers do.
"""

import csv
from pathlib import Path

from ielearn.classify.examples import Example, check_example, clean_text
from ielearn.classify.tasks import GLUE
from ielearn.errors import UserError


def read_glue_tsv(path, name):
    """Examples of one official GLUE TSV (train.tsv or dev.tsv) of task `name`."""
    spec = GLUE[name]
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if isinstance(spec.label_column, int):  # CoLA: no header, fixed positions
        header, first_line, body = None, 1, rows
    else:
        header, first_line, body = rows[0] if rows else [], 2, rows[1:]
        missing = [c for c in (*spec.text_columns, spec.label_column) if c not in header]
        if missing:
            raise UserError(f"{path}:1: missing column(s) {missing} of GLUE {spec.directory}")
    columns = [c if header is None else header.index(c) for c in (*spec.text_columns, spec.label_column)]
    examples = []
    for line, row in enumerate(body, start=first_line):
        if len(row) <= max(columns):
            raise UserError(f"{path}:{line}: expected at least {max(columns) + 1} tab-separated fields")
        texts = [clean_text(row[c]) for c in columns[:-1]]
        example = Example(texts[0], texts[1] if spec.task.pair else None, row[columns[-1]].strip())
        check_example(example, spec.task, f"{path}:{line}")
        examples.append(example)
    return examples


def _from_hf(name):
    """(train, dev) examples from HF `datasets`; a UserError when that is impossible (offline)."""
    spec = GLUE[name]
    try:
        import datasets

        loaded = datasets.load_dataset("nyu-mll/glue", spec.hf_name)
    except Exception as error:  # offline, hub down, no cache: all end the same way for the user
        raise UserError(
            f"GLUE {spec.directory}: cannot download it with HF datasets ({type(error).__name__}). "
            f"Put the official GLUE files train.tsv and dev.tsv in resources/glue/{spec.directory}/ "
            f"(or set classification.datasets.<name>.dir to their folder) and rerun."
        ) from None
    names = loaded["train"].features["label"].names if spec.task.labels else None

    def convert(row):
        label = row["label"]
        if spec.task.regression:
            label = repr(float(label))
        elif spec.task.labels == ("0", "1"):
            label = str(label)
        else:
            label = names[label]
        texts = [clean_text(row[field]) for field in spec.hf_text_fields]
        return Example(texts[0], texts[1] if spec.task.pair else None, label)

    return [convert(r) for r in loaded["train"]], [convert(r) for r in loaded["validation"]]


def load_glue(name, directory):
    """(train, dev) examples of GLUE task `name`, from `directory` if it holds the TSVs."""
    directory = Path(directory)
    train, dev = directory / "train.tsv", directory / "dev.tsv"
    if train.exists() and dev.exists():
        return read_glue_tsv(train, name), read_glue_tsv(dev, name)
    return _from_hf(name)
