"""The experiment's table, like the paper's Table 5: one row per system and iteration."""

import json

from ielearn.io import atomic_write


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_classification_summary(runs, out_path):
    """runs: [(system, iteration, valid score path, test score path)] → TSV, metrics × 100:
    the valid headline metric, then every test metric, then the test size."""
    rows = [(system, k, _load(valid), _load(test)) for system, k, valid, test in runs]
    names = list(rows[0][3]["metrics"])
    with atomic_write(out_path) as out:
        header = ["system", "iteration", f"valid_{rows[0][2]['metric']}", *[f"test_{n}" for n in names], "test_n"]
        out.write("\t".join(header) + "\n")
        for system, k, valid, test in rows:
            values = [f"{100 * valid['value']:.1f}", *[f"{100 * test['metrics'][n]:.1f}" for n in names]]
            out.write("\t".join([system, str(k), *values, str(test["n"])]) + "\n")
    return rows
