"""Hard masks from importances by the Gumbel-softmax trick (SCC eq. 5), straight through.

eq. 5 is a two-class Gumbel softmax over {drop, keep} with logits w_l = log(l·M + (1-l)(1-M)):
soft_i = exp((log M_i + G1_i)/τ) / Σ_l exp((w_l + G_l)/τ), G_l = -log(-log u), u ~ U(0, 1).
"hard masks during training": the forward value is the one-hot argmax (1 = keep), the
gradient that of the soft sample (straight-through, as torch's gumbel_softmax(hard=True)).
"""

import torch

EPSILON = 1e-10  # keeps log(0) finite where a probability reaches 0 or 1


def gumbel_noise(shape, generator=None, device=None):
    u = torch.rand(shape, generator=generator, device=device)
    return -torch.log(-torch.log(u.clamp(EPSILON, 1 - EPSILON)))


def soft_mask(probabilities, noise_keep, noise_drop, tau=1.0):
    """eq. 5 for given Gumbel draws: the relaxed probability of keeping each word."""
    keep = (torch.log(probabilities + EPSILON) + noise_keep) / tau
    drop = (torch.log(1 - probabilities + EPSILON) + noise_drop) / tau
    return torch.softmax(torch.stack([drop, keep], dim=-1), dim=-1)[..., 1]


class _StraightThrough(torch.autograd.Function):
    """Forward: the argmax of the two classes, exactly 0 or 1 (hard + soft - soft.detach() is
    off by a rounding error); backward: the gradient goes to the soft sample unchanged."""

    @staticmethod
    def forward(ctx, soft):
        return (soft > 0.5).to(soft.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad


def hard_mask(probabilities, tau=1.0, generator=None):
    """A 0/1 mask in the forward pass whose gradient is the soft sample's (eq. 5)."""
    draws = [gumbel_noise(probabilities.shape, generator, probabilities.device) for _ in range(2)]
    return _StraightThrough.apply(soft_mask(probabilities, *draws, tau=tau))
