"""classification_quality_verdict.txt: which explainers' words are faithful and whether that
goes with a gain in test accuracy, in words (ielearn/inference/faithfulness_verdict.py), from
classification_quality_comparisons.tsv (each explainer against `random`, the floor) and
classification_comparisons.tsv (against `none` and the random control)."""

from ielearn.classify.quality_summary import explained_model
from ielearn.inference.faithfulness_verdict import (
    RANDOM,
    Contrast,
    Measure,
    Numbers,
    Wording,
    faithfulness_verdict,
    gains_of,
)
from ielearn.io import atomic_write, read_tsv

MEASURES = (Measure("comprehensiveness_aopc", "comprehensiveness AOPC", True),
            Measure("sufficiency_aopc", "sufficiency AOPC", False),
            Measure("posthoc_accuracy_avg", "post-hoc accuracy avg", True))


def _chosen_by(explainer, iteration):
    model = explained_model(explainer, iteration)
    return "the baseline" if model == "baseline" else f"model {model}"


def contrasts_of(rows):
    """Each explainer against `random` at the same iteration, oriented explainer − random."""
    measures = {m.name: m for m in MEASURES}
    contrasts = []
    for row in rows:
        if row["measure"] not in measures or row["iteration"] != row["against_iteration"]:
            continue
        if RANDOM not in (row["system"], row["against"]) or row["system"] == row["against"]:
            continue
        numbers = Numbers.of_row(row)
        explainer = row["against"] if row["system"] == RANDOM else row["system"]
        contrasts.append(Contrast(explainer, int(row["iteration"]), measures[row["measure"]],
                                  numbers.negated() if row["system"] == RANDOM else numbers,
                                  row["why"] == "same iteration"))
    return contrasts


def quality_verdict(quality_rows, accuracy_rows, metric="accuracy"):
    contrasts = contrasts_of(quality_rows)
    wording = Wording(metric, "random words", "classification_quality_comparisons.tsv",
                      "classification_comparisons.tsv", _chosen_by)
    return faithfulness_verdict(contrasts, gains_of(accuracy_rows, {c.explainer for c in contrasts}), wording)


def write_quality_verdict(quality_path, accuracy_path, out_path, metric="accuracy"):
    text = quality_verdict(read_tsv(quality_path), read_tsv(accuracy_path), metric)
    with atomic_write(out_path) as out:
        out.write(text)
    return text
