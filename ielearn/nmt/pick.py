"""The translation half of a learning-rate sweep (ielearn/sweep.py): each candidate's valid
BLEU from its own valid decode, and the best one kept at the path a single rate writes."""

from ielearn.io import copy_file, write_json
from ielearn.nmt.compute import read_compute, write_compute
from ielearn.nmt.score import bleu_json
from ielearn.sweep import describe, sweep_records

SUMMED = ("updates", "epochs", "source_tokens", "target_tokens", "sentences")


def pick_model(rates, models, computes, records, valid_hypotheses, reference, outputs):
    """Per candidate (in the order of `rates`): its best.pt, compute.json, training record and
    detokenised valid hypotheses. outputs: model, compute, record, sweep. Returns the log text."""
    scores = [bleu_json(hypotheses, reference)["score"] for hypotheses in valid_hypotheses]
    kept, sweep = sweep_records(rates, scores, [read_compute(path) for path in computes], SUMMED, "BLEU")
    chosen = sweep["picked"]
    copy_file(models[chosen], outputs["model"])
    copy_file(records[chosen], outputs["record"])
    write_compute(outputs["compute"], kept)
    write_json(outputs["sweep"], sweep)
    return describe(sweep)
