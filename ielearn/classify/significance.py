"""Paired bootstrap resampling over test examples of a classification metric.

The test is sacrebleu's `--paired-bs` (sacrebleu/significance.py, `_paired_bs_test`, itself
Moses' bootstrap-hypothesis-difference-significance.pl) with the task metric in place of BLEU:

- the same resample indices: `numpy.random.default_rng(seed).choice(n, size=(R, n))`, with
  sacrebleu's default seed 12345, so both examples of a pair always travel together;
- the same statistic: the observed difference d = |m(system) - m(baseline)| on all n
  examples, and on resample b the difference d_b = |m(system_b) - m(baseline_b)|;
- the same null distribution: d_b - mean(d_b), the resampled differences shifted to mean 0;
- p = (#{b : d_b - mean(d_b) >= d} + 1) / (R + 1).

So p is two-sided: about how often systems that were equally good would differ by at least
the observed amount, in either direction. The +1 smoothing keeps it above 0 (the smallest p
is 1 / (R + 1)). The one deliberate difference from sacrebleu is `>=` where sacrebleu counts
`>`: only ties can tell them apart, and with `>` a system compared with itself (d = 0, every
d_b = 0) gets sacrebleu's minimum p = 1 / (R + 1); with `>=` it gets p = 1.
"""

import warnings

import numpy as np
from scipy.stats import ConstantInputWarning

from ielearn.classify.metrics import compute_metric

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345  # sacrebleu's default SACREBLEU_SEED


def resample_indices(n, resamples=DEFAULT_RESAMPLES, seed=DEFAULT_SEED):
    """R rows of n example indices drawn with replacement, exactly as sacrebleu draws them."""
    return np.random.default_rng(seed).choice(n, size=(resamples, n), replace=True)


def bootstrap_p(observed, resampled):
    """p-value of an observed |difference| given the resampled |differences| (see above)."""
    resampled = np.asarray(resampled, dtype=float)
    centred = resampled - resampled.mean()
    return (int(np.sum(centred >= observed)) + 1) / (len(resampled) + 1)


def paired_bootstrap(gold, system, baseline, metric, resamples=DEFAULT_RESAMPLES, seed=DEFAULT_SEED):
    """(metric(system) - metric(baseline), p) over the examples of one test set.

    `metric(gold, predicted)` -> number, e.g. `headline_metric(task)`; gold, system and
    baseline are per-example lists of the same length (system and baseline predictions of the
    same examples, in the same order)."""
    gold, system, baseline = list(gold), list(system), list(baseline)
    if not len(gold) == len(system) == len(baseline):
        raise ValueError(f"paired bootstrap needs equal lengths: {len(gold)} gold labels, "
                         f"{len(system)} and {len(baseline)} predictions")
    difference = metric(gold, system) - metric(gold, baseline)
    resampled = []
    for rows in resample_indices(len(gold), resamples, seed):
        sample_gold = [gold[i] for i in rows]
        resampled.append(abs(metric(sample_gold, [system[i] for i in rows])
                             - metric(sample_gold, [baseline[i] for i in rows])))
    return difference, bootstrap_p(abs(difference), resampled)


def headline_metric(task):
    """metric(gold, predicted) -> the task's headline value (accuracy, MCC, Spearman, ...)."""
    def metric(gold, predicted):
        with warnings.catch_warnings():  # once per resample would flood the log
            warnings.simplefilter("ignore", ConstantInputWarning)
            values = compute_metric(task.metric, gold, predicted, task.labels)
        value = next(iter(values.values()))
        return 0.0 if np.isnan(value) else value  # Spearman of a constant resample is undefined
    return metric
