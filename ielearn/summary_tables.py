"""The four tables a seed-level summary writes side by side, named once for every summary that
has them (classification's scores, explanation quality, simulability):

    <stem>.tsv                       mean over seeds and its 95 % CI
    <stem>_per_seed.tsv              every seed's value
    <stem>_comparisons.tsv           the seed-level comparisons
    <stem>_comparisons_per_seed.tsv  each comparison's per-seed differences

Rules, summarise_seeds and recompute all take their paths from here, so a table cannot be
written under one name and looked for under another.
"""

from pathlib import Path

CLASSIFICATION, QUALITY, SIMULABILITY = "classification", "classification_quality", "classification_simulability"
SUFFIXES = {"table": "", "per_seed": "_per_seed", "comparisons": "_comparisons",
            "comparisons_per_seed": "_comparisons_per_seed"}


def table_files(folder, stem):
    """{table, per_seed, comparisons, comparisons_per_seed: path} of the summary `stem` in `folder`."""
    return {key: Path(folder) / f"{stem}{suffix}.tsv" for key, suffix in SUFFIXES.items()}
