"""Per-example test predictions (`gold  predicted` TSV): what the summary's tests resample.
No model here, so the summary reads them without importing torch."""

from ielearn.io import atomic_write


def write_predictions(path, gold, predicted):
    """TSV `gold  predicted`, one row per example in the examples file's order."""
    with atomic_write(path) as out:
        out.write("gold\tpredicted\n")
        out.writelines(f"{g}\t{p}\n" for g, p in zip(gold, predicted, strict=True))


def read_predictions(path, task):
    """(gold, predicted) lists of a predictions TSV; numbers for a regression task."""
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle.readlines()[1:]]
    convert = float if task.regression else str
    return [convert(g) for g, _ in rows], [convert(p) for _, p in rows]
