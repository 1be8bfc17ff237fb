"""Per-seed diagnostics: is arm A's corpus score different from arm B's on these test items?

The test is two-sided and calibrated (its false-positive rate is at most α when the two
arms are exchangeable on the items; tests/test_calibration.py simulates it). It measures
test-item noise within one seed only, never seed-to-seed noise, so it is a diagnostic: the
claims of a table rest on the seed-level test (ielearn.inference.seed_tests).

Approximate randomization: every trial swaps the two arms' outputs on a random half of the
items (sacrebleu's --paired-ar draw, `default_rng(seed).integers(2, size=(trials, n))`);
p = (#{|d_t| ≥ |d|} + 1) / (trials + 1). sacrebleu counts `>`, which calls a system
compared with itself significant (p = 1 / (trials + 1)); `≥` keeps ties on the null side.
sacrebleu's --paired-bs is not used: it compares |d| with |d_b| − mean(|d_b|), which is not
centred at 0 under the null, so its p stays below ≈ 0.5 and it rejects far more often than α
(tests/test_calibration.py shows it failing the check the tests here pass).
"""

import numpy as np


def randomization_test(scorer, a, b, trials=1000, seed=12345):
    """(d = score(a) − score(b), p) for two arms' per-item statistics on the same items."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    _check_paired(a, b)
    observed = scorer.score(a) - scorer.score(b)
    mask = np.random.default_rng(seed).integers(2, size=(trials, len(a)), dtype=bool).astype(float)
    first, second = scorer.swapped(a, b, mask)
    extreme = np.abs(first - second) >= abs(observed) - _TOLERANCE
    return observed, (int(extreme.sum()) + 1) / (trials + 1)


# float sums in a different order differ in the last bits; a tie must count as a tie
_TOLERANCE = 1e-9


def _check_paired(a, b):
    if a.shape != b.shape:
        raise ValueError(f"paired test needs the same items: {a.shape} vs {b.shape}")
