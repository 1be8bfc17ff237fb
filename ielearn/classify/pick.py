"""The classification half of a learning-rate sweep (ielearn/sweep.py): each candidate's valid
score is the headline metric of its kept epoch (training.json), and the best candidate's
directory is copied to the path a single rate writes."""

import math
import shutil
from pathlib import Path

from ielearn.classify.training_record import read_training, write_training
from ielearn.io import atomic_directory, write_json
from ielearn.sweep import SWEEP_FILE, describe, sweep_records

SUMMED = ("epochs", "updates", "examples", "wordpieces")
# the cost of a sweep (ielearn/classify/training_cost.py): the candidates' seconds add up; the
# peak memory is the largest candidate's (each trained in a job of its own)
COST_SUMMED, COST_PEAKS = ("seconds",), ("peak_rss_mb", "peak_gpu_mb")


def pick_classifier(rates, candidates, out_dir):
    """candidates: the model directories, in the order of `rates`. Returns the log text."""
    records = [read_training(directory) for directory in candidates]
    scores = [math.nan if r["valid_score"] is None else r["valid_score"] for r in records]
    cost = tuple(key for key in COST_SUMMED if all(key in r for r in records))
    kept, sweep = sweep_records(rates, scores, records, SUMMED + cost, records[0]["metric"])
    kept.update({key: max(r[key] for r in records) for key in COST_PEAKS if all(key in r for r in records)})
    with atomic_directory(out_dir) as tmp:
        shutil.copytree(candidates[sweep["picked"]], tmp, dirs_exist_ok=True)
        write_training(tmp, kept)
        write_json(Path(tmp) / SWEEP_FILE, sweep)
    return describe(sweep)
