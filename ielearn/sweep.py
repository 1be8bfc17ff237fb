"""A fine-tune learning-rate sweep, the same for every arm (docs/pipeline.md, "The fine-tuning regime").

With `finetune.lr` a list, every fine-tune (each arm, each noise rate, each iteration) trains
once per rate, candidate i in `<iteration>/lr_<i>/`, and the candidate with the best
validation score (translation: BLEU of its valid decode; classification: the task's headline
metric at its kept epoch) becomes the arm's model at the path a single rate writes; the next
iteration starts from it. Ties go to the earliest rate in the list.

The kept model's compute record then counts the whole sweep: the `summed` keys (updates,
epochs, tokens or examples) are totals over the candidates, the rest is the kept candidate's,
and `lr_candidates` says how many trained. lr_sweep.json beside it names every candidate's
rate, valid score and compute. Plain Python: no torch.
"""

import math

from ielearn.errors import UserError

SWEEP_FILE = "lr_sweep.json"
CANDIDATES = "lr_candidates"  # key of a compute record: how many trainings it counts


def single_rate(lr):
    """A one-entry list of rates is that rate: no sweep, the paths of a single rate."""
    return lr[0] if isinstance(lr, list) and len(lr) == 1 else lr


def sweep_rates(lr):
    """The rates of a sweep, or None for a single rate (a one-entry list is a single rate)."""
    return list(lr) if isinstance(lr, list) and len(lr) > 1 else None


def candidate_dir(index):
    """The directory level of candidate `index` below its iteration ('lr_0/')."""
    return f"lr_{index}/"


def candidate_rate(lr, candidate, where="finetune.lr"):
    """The rate a training uses: lr itself, or the sweep's entry for candidate dir 'lr_<i>/'
    ('' = no candidate: the single rate)."""
    rates = sweep_rates(lr)
    if not candidate:
        if rates:
            raise UserError(f"{where} is a sweep {rates}: its fine-tunes train in lr_<i>/ candidates")
        return single_rate(lr)
    index = int(candidate.removeprefix("lr_").rstrip("/"))
    if not rates or index >= len(rates):
        raise UserError(f"{candidate.rstrip('/')}: {where} has no such candidate (it is {lr})")
    return rates[index]


def pick(scores):
    """Index of the best valid score; on a tie the first in the list; nan never wins."""
    usable = [-math.inf if math.isnan(score) else score for score in scores]
    return max(range(len(usable)), key=usable.__getitem__)  # max keeps the first of equals


def sweep_records(rates, scores, records, summed, metric):
    """(the kept model's record with the sweep's totals, the content of lr_sweep.json)."""
    chosen = pick(scores)
    kept = {**records[chosen], **{key: _total(records, key) for key in summed}, CANDIDATES: len(records)}
    sweep = {
        "picked": chosen,
        "lr": rates[chosen],
        "metric": metric,
        "candidates": [{"index": i, "lr": rate, "rate_used": record.get("lr"), "valid": score,
                        **{key: record[key] for key in summed}}
                       for i, (rate, score, record) in enumerate(zip(rates, scores, records, strict=True))],
        "rule": "best valid score; ties go to the earliest rate in the list",
    }
    return kept, sweep


def describe(sweep):
    """One line per candidate for the log: its rate, valid score and updates, the kept one marked."""
    return "\n".join(f"lr_{c['index']}: lr {c['lr']} ({c['rate_used']}), valid {sweep['metric']} {c['valid']}, "
                     f"{c['updates']} updates" + ("  <- kept" if c["index"] == sweep["picked"] else "")
                     for c in sweep["candidates"])


def _total(records, key):
    total = sum(record[key] for record in records)
    return round(total, 4) if isinstance(total, float) else total
