"""Holm's step-down correction over one family of comparisons (family-wise error ≤ α)."""

import math


def holm_multipliers(pvalues):
    """Per p-value, the factor c with p_holm = min(1, c·p): Holm's (m − rank) carried up by
    the step-down's running maximum (so c ≤ m); nan (no test) stays nan and does not count.
    Testing at level α/c is the same decision as p_holm < α, which is what the
    Holm-consistent interval (ielearn.inference.answers) uses."""
    tested = sorted((p, i) for i, p in enumerate(pvalues) if not math.isnan(p))
    m, factors, running = len(tested), [math.nan] * len(pvalues), 0.0
    for rank, (p, i) in enumerate(tested):
        running = max(running, (m - rank) * p)  # adjusted p never decreases
        factors[i] = running / p if p > 0 else float(m - rank)
    return factors


def holm(pvalues):
    """Adjusted p-values in the input order; nan (no test) stays nan and does not count."""
    return [p if math.isnan(p) else min(1.0, c * p) for c, p in zip(holm_multipliers(pvalues), pvalues)]
