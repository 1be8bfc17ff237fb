"""Head coefficients φ → head weights λ = sparsemax(φ) on the simplex (the paper's NORMALIZE,
section 4), and the coefficients of the static attention explainers.

Sparsemax is entmax's (`entmax.sparsemax`, Peters et al. 2019). Its autograd Function is of
the old style (no `setup_context`), which torch.func transforms refuse; SMaT therefore takes
its hypergradient with respect to λ inside torch.func and carries it back to φ through
sparsemax with plain autograd (smat.py).
"""

import torch
from entmax import sparsemax

# A gap wider than 1 between kept and dropped coefficients puts all of sparsemax's mass on the
# kept ones: with k equal kept values the threshold sits 1/k below them.
DROPPED = -1.0


def head_weights(coefficients):
    """λ = sparsemax(φ) over the last dimension: non-negative, summing to one, often sparse."""
    return sparsemax(coefficients, dim=-1)


def static_coefficients(layers, heads, last_layer_only=False, dtype=torch.float32):
    """φ whose λ is the static attention explainer's: the mean over every head of every layer
    (all equal coefficients), or over the last layer's heads only (the others dropped)."""
    coefficients = torch.zeros(layers, heads, dtype=dtype)
    if last_layer_only:
        coefficients[:-1] = DROPPED
    return coefficients.flatten()
