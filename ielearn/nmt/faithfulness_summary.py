"""The faithfulness tables of a translation experiment, over seeds (per-sentence scores:
ielearn/nmt/faithfulness_scoring.py).

One row per iteration k: model k, the one whose attention words iteration k+1 appends.
Measures, mean per hypothesis token log-probability (natural log) of the model's own test
hypothesis, averaged over sentences: logprob_full (the input as it is), logprob_attended
(attended source tokens masked), logprob_random (as many random input tokens masked: the
uniform floor), logprob_matched (as many random content words of x masked with their copies:
the floor matched to the attended tokens, ielearn/nmt/faithfulness.py), and the drops
drop_<arm> = full − <arm>. faithfulness.tsv: mean over seeds with its 95 % CI; _per_seed.tsv:
each seed's; _comparisons[_per_seed].tsv: drop_attended against each floor at each iteration
(measure `logprob_drop`: paired per seed,
CI over seeds and test sentences, t-test over seeds, Holm over the table; the per-seed
approximate randomization over sentences), as every comparison table of ielearn.inference.
"""

import numpy as np

from ielearn.design import Arm, Comparison
from ielearn.inference.measures import compare_measures, item_score, write_measure_comparisons, write_measure_tables
from ielearn.inference.settings import significance_settings
from ielearn.io import read_tsv
from ielearn.nmt.faithfulness import MEASURES

HEADLINES = ("drop_attended", "drop_random", "drop_matched")
FLOORS = ("random", "matched")  # the uniform floor, the floor matched to the attended tokens


def sentence_measures(path):
    """{measure: per-sentence values} of one model's scores file (a file scored before the
    matched floor existed has no `matched` arm)."""
    rows = read_tsv(path)
    arms = [arm for arm in ("attended", *FLOORS) if f"logprob_{arm}" in rows[0]]
    values = {name: np.array([float(row[name]) for row in rows])
              for name in ("logprob_full", *(f"logprob_{arm}" for arm in arms))}
    for arm in arms:
        values[f"drop_{arm}"] = values["logprob_full"] - values[f"logprob_{arm}"]
    return values


def write_faithfulness_summary(runs, seeds, outputs, settings=None):
    """runs: dicts (seed, iteration, path); outputs: paths of table, per_seed, comparisons,
    comparisons_per_seed."""
    loaded = [{**run, "iteration": int(run["iteration"]), "items": sentence_measures(run["path"])} for run in runs]
    present = [m for m in MEASURES if all(m in run["items"] for run in loaded)]
    write_measure_tables(loaded, ("iteration",), present, [m for m in HEADLINES if m in present],
                         outputs["per_seed"], outputs["table"])
    floors = [floor for floor in FLOORS if f"drop_{floor}" in present]
    scores, comparisons = {}, []
    for run in loaded:
        k = run["iteration"]
        for mask in ("attended", *floors):
            arm = Arm(mask, k)
            scores.setdefault(("logprob_drop", arm), {})[run["seed"]] = item_score(
                run["seed"], arm, run["items"][f"drop_{mask}"])
    for k in sorted({run["iteration"] for run in loaded}):
        comparisons += [("logprob_drop", Comparison(Arm("attended", k), Arm(floor, k), "same model"))
                        for floor in floors]
    done = compare_measures(comparisons, scores, seeds, significance_settings(settings))
    write_measure_comparisons(done, outputs["comparisons"], outputs["comparisons_per_seed"])
