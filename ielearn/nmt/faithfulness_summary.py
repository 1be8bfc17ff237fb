"""The faithfulness tables of a translation experiment, over seeds (per-sentence scores:
ielearn/nmt/faithfulness_scoring.py).

One row per iteration k: model k, the one whose attention words iteration k+1 appends.
Measures, mean per hypothesis token log-probability (natural log) of the model's own test
hypothesis, averaged over sentences: logprob_full (the input as it is), logprob_attended
(attended source tokens masked), logprob_random (as many random ones masked), and the drops
drop_attended = full − attended, drop_random = full − random. faithfulness.tsv: mean over
seeds with its 95 % CI; _per_seed.tsv: each seed's; _comparisons[_per_seed].tsv:
drop_attended against drop_random at each iteration (measure `logprob_drop`: paired per seed,
CI over seeds and test sentences, t-test over seeds, Holm over the table; the per-seed
approximate randomization over sentences), as every comparison table of ielearn.inference.
"""

import numpy as np

from ielearn.design import Arm, Comparison
from ielearn.inference.measures import compare_measures, item_score, write_measure_comparisons, write_measure_tables
from ielearn.inference.settings import significance_settings
from ielearn.io import read_tsv
from ielearn.nmt.faithfulness import MEASURES

HEADLINES = ("drop_attended", "drop_random")


def sentence_measures(path):
    """{measure: per-sentence values} of one model's scores file."""
    rows = read_tsv(path)
    values = {name: np.array([float(row[name]) for row in rows])
              for name in ("logprob_full", "logprob_attended", "logprob_random")}
    values["drop_attended"] = values["logprob_full"] - values["logprob_attended"]
    values["drop_random"] = values["logprob_full"] - values["logprob_random"]
    return values


def write_faithfulness_summary(runs, seeds, outputs, settings=None):
    """runs: dicts (seed, iteration, path); outputs: paths of table, per_seed, comparisons,
    comparisons_per_seed."""
    loaded = [{**run, "iteration": int(run["iteration"]), "items": sentence_measures(run["path"])} for run in runs]
    write_measure_tables(loaded, ("iteration",), list(MEASURES), list(HEADLINES), outputs["per_seed"],
                         outputs["table"])
    scores, comparisons = {}, []
    for run in loaded:
        k = run["iteration"]
        for mask in ("attended", "random"):
            arm = Arm(mask, k)
            scores.setdefault(("logprob_drop", arm), {})[run["seed"]] = item_score(
                run["seed"], arm, run["items"][f"drop_{mask}"])
    for k in sorted({run["iteration"] for run in loaded}):
        comparisons.append(("logprob_drop", Comparison(Arm("attended", k), Arm("random", k), "same model")))
    done = compare_measures(comparisons, scores, seeds, significance_settings(settings))
    write_measure_comparisons(done, outputs["comparisons"], outputs["comparisons_per_seed"])
