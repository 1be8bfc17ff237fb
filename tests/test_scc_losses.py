"""SCC's pieces against hand-computed small cases: the sparse coding layer (eq. 2-3), the Gumbel
hard masks (eq. 5), the loss terms L_ce (eq. 7), L_sc (eq. 6), L_cc (eq. 10), γ's annealing,
and eq. 1 with the ablations of Table 5."""

import math

import pytest
import torch

from ielearn.classify.scc.layer import SparseCodingLayer
from ielearn.classify.scc.losses import (
    contrastive_coding_term,
    cross_entropy_term,
    gamma_at,
    sparse_coding_term,
    total_loss,
)
from ielearn.classify.scc.masks import hard_mask, soft_mask

torch.set_num_threads(1)
E = math.e


def test_the_layer_gates_every_hidden_state_and_squashes_their_concatenation():
    # width 1, two hidden states, MLP width 1, every weight 1 and bias 0:
    # g(l) = tanh(h_l)·h_l, M = sigmoid(g(0) + g(1)); h = (1, 2): sigmoid(tanh(1) + 2 tanh(2))
    layer = SparseCodingLayer(hidden_size=1, layers=2, size=1)
    with torch.no_grad():
        for linear in (layer.rep, layer.gate, layer.proba):
            linear.weight.fill_(1.0)
            linear.bias.zero_()
    M = layer([torch.tensor([[[1.0]]]), torch.tensor([[[2.0]]])])
    expected = 1 / (1 + math.exp(-(math.tanh(1) * 1 + math.tanh(2) * 2)))  # 0.93643
    assert M.shape == (1, 1) and M.item() == pytest.approx(expected, abs=1e-6)
    with pytest.raises(ValueError, match="2 hidden states, got 3"):
        layer([torch.zeros(1, 1, 1)] * 3)


def test_eq5_without_noise_is_the_probability_and_noise_and_temperature_act_as_written():
    p = torch.tensor([0.8])
    zero = torch.zeros(1)
    # no noise: softmax(log 0.2, log 0.8) = 0.8
    assert soft_mask(p, zero, zero).item() == pytest.approx(0.8, abs=1e-6)
    # G1 = log 2 on "keep": 1.6 / (1.6 + 0.2)
    assert soft_mask(p, torch.tensor([math.log(2)]), zero).item() == pytest.approx(1.6 / 1.8, abs=1e-6)
    # τ = 0.5 squares the odds: 0.64 / (0.64 + 0.04)
    assert soft_mask(p, zero, zero, tau=0.5).item() == pytest.approx(0.64 / 0.68, abs=1e-6)


def test_hard_masks_are_binary_keep_with_probability_m_pass_gradients_and_follow_the_seed():
    p = torch.full((20000,), 0.3, requires_grad=True)
    mask = hard_mask(p, generator=torch.Generator().manual_seed(5))
    assert set(mask.detach().unique().tolist()) <= {0.0, 1.0}
    # Gumbel-max: P(keep) = M exactly, whatever τ (binomial sd of the mean: 0.0032)
    assert mask.detach().mean().item() == pytest.approx(0.3, abs=0.015)
    (mask * torch.arange(20000.0)).sum().backward()  # straight through: the soft sample's gradient
    assert torch.isfinite(p.grad).all() and (p.grad != 0).any()
    again = hard_mask(p.detach(), generator=torch.Generator().manual_seed(5))
    other = hard_mask(p.detach(), generator=torch.Generator().manual_seed(6))
    assert torch.equal(mask.detach(), again) and not torch.equal(again, other)


def test_cross_entropy_term():
    # -log softmax: log(1 + e^-2) for the first, log 2 for the second; mean 0.41004
    value = cross_entropy_term(torch.tensor([[2.0, 0.0], [0.0, 0.0]]), torch.tensor([0, 1]))
    assert value.item() == pytest.approx((math.log(1 + E ** -2) + math.log(2)) / 2, abs=1e-6)


def test_sparse_coding_term_counts_kept_words_and_the_balance_term_over_words_only():
    probabilities = torch.tensor([[0.5, 0.2, 0.9], [0.5, 0.5, 0.5]])
    mask = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    words = torch.tensor([[True, True, False], [True, False, False]])  # False: special or padding
    # example 1: |1| + |0| + γ(0.5 ln .5 + 0.5 ln .5 + 0.2 ln .2 + 0.8 ln .8) = 1 + γ(-0.693147 - 0.500402)
    # example 2: 0 + γ(ln 0.5); the loss is the mean of the two
    # `sum` is eq. 6 as written; `mean` divides each example's sum by its words (2 and 1)
    h1 = math.log(0.5) + 0.2 * math.log(0.2) + 0.8 * math.log(0.8)
    for gamma in (1.0, 0.5):
        summed = ((1 + gamma * h1) + gamma * math.log(0.5)) / 2  # γ=1: -0.443348, γ=.5: 0.028326
        averaged = ((1 + gamma * h1) / 2 + gamma * math.log(0.5)) / 2  # γ=1: -0.394961, γ=.5: -0.072480
        assert sparse_coding_term(mask, probabilities, words, gamma, "sum").item() == pytest.approx(summed, abs=1e-6)
        assert sparse_coding_term(mask, probabilities, words, gamma).item() == pytest.approx(averaged, abs=1e-6)
    # the ℓ1 part reaches the mask (and through it, eq. 5's soft sample): 1/B per word summed,
    # 1/(B · words of the example) averaged
    for reduction, gradient in (("sum", [[0.5, 0.5, 0.0], [0.5, 0.0, 0.0]]), ("mean", [[0.25, 0.25, 0.0], [0.5, 0.0, 0.0]])):
        mask.grad = None
        mask.requires_grad_(True)
        sparse_coding_term(mask, probabilities, words, 1.0, reduction).backward()
        assert mask.grad.tolist() == gradient, reduction
    with pytest.raises(ValueError, match="unknown L_sc reduction 'max'"):
        sparse_coding_term(mask, probabilities, words, 1.0, "max")


def test_contrastive_coding_term_on_a_hand_computed_batch():
    # two examples of classes 0 and 1: z = z_f = the unit axes, backgrounds their opposites.
    # z_0 = (1,0): others' dot products z_1 0, z_f0 1, z_f1 0, z_b0 -1, z_b1 0; one positive z_f0
    #   → log(3 + e + 1/e) - 1 = 0.80602, and the same for z_1, z_f0, z_f1
    # z_b0 = (-1,0): dots z_0 -1, z_1 0, z_f0 -1, z_f1 0, z_b1 0; positive z_b1 → log(3 + 2/e) = 1.31795
    z = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    labels = torch.tensor([0, 1])
    expected = (4 * (math.log(3 + E + 1 / E) - 1) + 2 * math.log(3 + 2 / E)) / 6  # 0.97666
    assert contrastive_coding_term(z, z.clone(), -z, labels).item() == pytest.approx(expected, abs=1e-6)
    # the features are L2-normalised: a longer z changes nothing
    assert contrastive_coding_term(3 * z, z.clone(), -2 * z, labels).item() == pytest.approx(expected, abs=1e-6)


def _eq10_by_the_words_of_section_3_2(z, zf, zb, labels, tau2):
    """eq. 10 with P(i) built from §3.2's bullets, one anchor at a time (mean over anchors)."""
    views = [("x", i, v) for i, v in enumerate(z)] + [("f", i, v) for i, v in enumerate(zf)] + \
        [("b", i, v) for i, v in enumerate(zb)]
    unit = [(kind, i, v / v.norm()) for kind, i, v in views]

    def positive(anchor, other):
        (ka, ia, _), (ko, io, _) = anchor, other
        if ka == "b":
            return ko == "b"  # a background: every other background
        if ko == "b":
            return False
        if io == ia:
            return ko != ka  # z_i ↔ z_f_i
        return labels[io] == labels[ia]  # z_p and z_f_p of the same class

    losses = []
    for a, anchor in enumerate(unit):
        others = [o for b, o in enumerate(unit) if b != a]
        denominator = sum(math.exp(float(anchor[2] @ o[2]) / tau2) for o in others)
        positives = [o for o in others if positive(anchor, o)]
        losses.append(-sum(math.log(math.exp(float(anchor[2] @ p[2]) / tau2) / denominator)
                           for p in positives) / len(positives))
    return sum(losses) / len(losses)


@pytest.mark.parametrize("tau2", [1.0, 0.5])
def test_contrastive_coding_term_is_eq10_with_the_positives_of_section_3_2(tau2):
    generator = torch.Generator().manual_seed(3)
    z, zf, zb = (torch.randn(4, 5, generator=generator) for _ in range(3))
    labels = torch.tensor([0, 0, 1, 2])
    expected = _eq10_by_the_words_of_section_3_2(z, zf, zb, labels.tolist(), tau2)
    assert contrastive_coding_term(z, zf, zb, labels, tau2).item() == pytest.approx(expected, abs=1e-5)


def test_gamma_falls_from_1_to_001_by_0099_per_epoch_and_stays():
    assert [round(gamma_at(e), 6) for e in (0, 0.5, 5, 10, 12)] == [1.0, 0.9505, 0.505, 0.01, 0.01]


def test_eq1_and_each_ablation_drops_exactly_its_term():
    terms = {"ce": torch.tensor(1.0), "sc": torch.tensor(2.0), "cc": torch.tensor(4.0)}
    assert total_loss(terms, 0.1).item() == pytest.approx(1 + 2 + 0.4)
    assert total_loss(terms, 0.1, "no_cc").item() == pytest.approx(1 + 2)
    assert total_loss(terms, 0.1, "no_sc").item() == pytest.approx(1 + 0.4)
    assert total_loss({"ce": terms["ce"], "sc": terms["sc"]}, 0.1, "no_cc").item() == pytest.approx(3)
    with pytest.raises(ValueError, match="unknown SCC ablation 'no_bg'"):
        total_loss(terms, 0.1, "no_bg")
