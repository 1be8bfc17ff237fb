"""The per-experiment table: valid and test BLEU of every system and bootstrap iteration."""

import json

from ielearn.io import atomic_write


def read_score(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["score"]


def summary_rows(runs):
    """runs: [(system, iteration, valid bleu path, test bleu path)] → table rows.

    For each system, the iteration with the best *validation* BLEU is marked as picked
    (ties go to the earliest), as the paper picks its bootstrap iteration.
    """
    rows = [
        {"system": system, "iteration": k, "valid_bleu": read_score(valid), "test_bleu": read_score(test)}
        for system, k, valid, test in runs
    ]
    for system in dict.fromkeys(row["system"] for row in rows):
        candidates = [row for row in rows if row["system"] == system]
        best = max(candidates, key=lambda row: (row["valid_bleu"], -row["iteration"]))
        for row in candidates:
            row["picked"] = "*" if row is best else ""
    return rows


def write_summary(runs, out_path):
    rows = summary_rows(runs)
    with atomic_write(out_path) as out:
        out.write("system\titeration\tvalid_bleu\ttest_bleu\tpicked_by_valid\n")
        for row in rows:
            out.write(
                f"{row['system']}\t{row['iteration']}\t{row['valid_bleu']:.2f}\t"
                f"{row['test_bleu']:.2f}\t{row['picked']}\n"
            )
    return rows
