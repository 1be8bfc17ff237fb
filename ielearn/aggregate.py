"""Scores over seeds: each seed is a full replicate (its own baseline, fine-tuning and
controls), so a system's score is reported as mean ± sample sd over seeds. Differences and
their tests are in ielearn.inference."""

import math
import statistics


def mean_sd(values):
    """(mean, sample standard deviation); sd is nan for a single seed (it is unknown, not 0)."""
    values = [float(v) for v in values]
    if not values:
        raise ValueError("mean_sd needs at least one value")
    sd = statistics.stdev(values) if len(values) > 1 else math.nan
    return statistics.fmean(values), sd


def format_mean_sd(mean, sd, digits=2):
    """'93.81 ± 0.42', or just the mean when sd is unknown (one seed)."""
    if math.isnan(sd):
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} ± {sd:.{digits}f}"
