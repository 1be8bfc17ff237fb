"""Examples as ielearn stores them: a TSV with the header `text_a  text_b  label`.

Every stage reads and writes this one format; readers of other formats (GLUE TSVs, TREC,
your own files) produce it. Bad rows are reported with the file and line number.
"""

import csv
from dataclasses import dataclass

from ielearn.errors import UserError
from ielearn.io import atomic_write

COLUMNS = ("text_a", "text_b", "label")


@dataclass(frozen=True)
class Example:
    text_a: str
    text_b: str | None
    label: str  # a label name, or the gold score of a regression task as text


def clean_text(text):
    """One line of text: tabs and line breaks would break the TSV, runs of spaces mean nothing."""
    return " ".join(str(text).split())


def check_example(example, task, where):
    """Raise a UserError naming `where` (file:line) if the example does not fit the task."""
    if not example.text_a:
        raise UserError(f"{where}: empty text (first sentence)")
    if task.pair and not example.text_b:
        raise UserError(f"{where}: empty text (second sentence of a sentence-pair task)")
    if task.regression:
        try:
            float(example.label)
        except ValueError:
            raise UserError(f"{where}: label '{example.label}' is not a number (regression task)") from None
    elif example.label not in task.labels:
        raise UserError(
            f"{where}: label '{example.label}' is not one of the task's labels {list(task.labels)}"
        )


def read_examples(path, task):
    """Read and check an examples TSV (header text_a, text_b, label; text_b may be empty)."""
    examples = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in ("text_a", "label") + (("text_b",) if task.pair else ())
                   if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError(f"{path}:1: missing column(s) {missing}; the header must be "
                            f"{'/'.join(COLUMNS)} separated by tabs")
        for line, row in enumerate(reader, start=2):
            if None in row or None in row.values():
                raise UserError(f"{path}:{line}: expected {len(reader.fieldnames)} tab-separated fields")
            example = Example(
                clean_text(row["text_a"]),
                clean_text(row["text_b"]) if task.pair else None,
                row["label"].strip(),
            )
            check_example(example, task, f"{path}:{line}")
            examples.append(example)
    if not examples:
        raise UserError(f"{path}: no examples")
    return examples


def write_examples(path, examples):
    with atomic_write(path) as out:
        out.write("\t".join(COLUMNS) + "\n")
        for example in examples:
            fields = (example.text_a, example.text_b or "", example.label)
            out.write("\t".join(clean_text(field) for field in fields) + "\n")
