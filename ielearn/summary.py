"""The per-experiment table (valid and test BLEU of every system and bootstrap iteration) and
a plain-words verdict on whether the appended words helped."""

import json

from ielearn.io import atomic_write

HEADER = "system\titeration\tvalid_bleu\ttest_bleu\tpicked_by_valid\n"


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


def verdict(rows):
    """Say in words what the table shows: the validation-picked system against the baseline
    (the first system's iteration 0) and against each control."""
    main = rows[0]["system"]
    baseline = rows[0]["test_bleu"]
    picked = {row["system"]: row for row in rows if row["picked"]}
    lines = [f"baseline (iteration 0): test BLEU {baseline:.2f}"]
    for system, row in picked.items():
        lines.append(
            f"{system}, iteration {row['iteration']} (picked by validation BLEU): "
            f"test BLEU {row['test_bleu']:.2f} ({row['test_bleu'] - baseline:+.2f} vs baseline)"
        )
    best = picked[main]
    if best["iteration"] == 0:
        lines.append(f"verdict: validation picks the baseline; fine-tuning with {main} words "
                     "did not improve validation BLEU")
        return "\n".join(lines) + "\n"
    controls = [row for system, row in picked.items() if system != main]
    beaten = [row["system"] for row in controls if best["test_bleu"] > row["test_bleu"]]
    if best["test_bleu"] <= baseline:
        outcome = f"{main} words did NOT improve test BLEU over the baseline"
    elif len(beaten) < len(controls):
        lost = sorted({row["system"] for row in controls} - set(beaten))
        outcome = (f"{main} words beat the baseline but not the {', '.join(lost)} control(s): "
                   "the gain cannot be credited to the explanations")
    else:
        outcome = f"{main} words beat the baseline and every control run"
    lines.append(f"verdict: {outcome} (one seed: differences this small can be seed noise)")
    return "\n".join(lines) + "\n"


def write_summary(runs, table_path, verdict_path):
    rows = summary_rows(runs)
    with atomic_write(table_path) as out:
        out.write(HEADER)
        for row in rows:
            out.write(
                f"{row['system']}\t{row['iteration']}\t{row['valid_bleu']:.2f}\t"
                f"{row['test_bleu']:.2f}\t{row['picked']}\n"
            )
    text = verdict(rows)
    with atomic_write(verdict_path) as out:
        out.write(text)
    return text
