"""Holm's step-down correction over the comparisons of one table (family-wise error ≤ α)."""

import math


def holm(pvalues):
    """Adjusted p-values in the input order; nan (no test) stays nan and does not count."""
    tested = sorted((p, i) for i, p in enumerate(pvalues) if not math.isnan(p))
    m, adjusted, running = len(tested), [math.nan] * len(pvalues), 0.0
    for rank, (p, i) in enumerate(tested):
        running = max(running, min(1.0, (m - rank) * p))  # adjusted p never decreases
        adjusted[i] = running
    return adjusted
