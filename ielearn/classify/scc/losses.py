"""The terms of SCC's loss L = L_ce + L_sc + λ·L_cc (eq. 1), and the ablations of Table 5.

Choices where the paper is ambiguous (each stated where it is made):
- L_sc (eq. 6): ‖M_i‖_1 is taken on the hard mask (the ℓ0 → ℓ1 surrogate of §3.1: the count
  of kept words, with the straight-through gradient of eq. 5); the balance term
  γ(M log M + (1-M) log(1-M)) on the layer's probabilities (on a 0/1 mask it is 0 and has no
  gradient). eq. 6 sums over a sentence's words; the default here averages over them
  (`scc.sparse_coding: mean`; `sum` is eq. 6 as written), then over the batch. Why: the
  summed term charges up to one per kept word against an L_ce of at most ln C, so on trec
  (about 10 words a question, ln 6 = 1.79) the masks dropped every word before the
  classifier learned: valid stayed at the majority class's 0.236 for 10 epochs at the
  paper's lr, and reached 0.380 after 4 epochs at lr 1e-4 against 0.722 after 3 with the
  mean (docs/measurements/scc_trec_check.txt).
- γ "annealed from 1.0 to 0.01 with a decay of 0.099": linearly, by 0.099 per epoch of
  training (1.0 - 0.099 × 10 = 0.01 after the paper's 10 epochs), updated at every step,
  never below 0.01.
- L_cc (eq. 10): the supervised contrastive loss of Khosla et al. (2020) over the 3B views of
  a batch (z, z_f, z_b), whose positives follow §3.2: z_i and z_f_i have as positives each
  other and every z_p, z_f_p of the same class; a background z_b_i has every other
  background. That is exactly SupCon with the label y for z and z_f and one shared
  "background" label for every z_b. As in SupCon's reference code, the features are
  L2-normalised and the loss is the mean over anchors (an anchor without a positive, a
  background alone in its batch, is left out).
"""

import torch
import torch.nn.functional as F

ABLATIONS = ("none", "no_cc", "no_sc")  # Table 5: w/o contrastive coding / sparse coding loss
REDUCTIONS = ("mean", "sum")  # L_sc over a sentence's words: averaged (default) / summed (eq. 6)
BACKGROUND = -1  # the label every background view shares in L_cc


def gamma_at(epochs, start=1.0, end=0.01, decay=0.099):
    """γ after `epochs` (fractional) epochs of training."""
    return max(end, start - decay * epochs)


def cross_entropy_term(logits, labels):
    """L_ce (eq. 7) on the classifier's logits for the masked input x̃ = M ⊙ x (eq. 8)."""
    return F.cross_entropy(logits, labels)


def sparse_coding_term(mask, probabilities, words, gamma, reduction="mean"):
    """L_sc (eq. 6). mask: the hard mask (B, T); probabilities: the layer's M (B, T); words:
    (B, T) booleans, True where a token is a word of the input (not special, not padding);
    reduction: over a sentence's words, `mean` or `sum` (eq. 6 as written)."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"unknown L_sc reduction {reduction!r} (known: {', '.join(REDUCTIONS)})")
    p = probabilities.clamp(1e-7, 1 - 1e-7)
    balance = p * torch.log(p) + (1 - p) * torch.log(1 - p)
    per_word = (mask + gamma * balance) * words  # a mask is ≥ 0: its ℓ1 norm is its sum
    per_sentence = per_word.sum(dim=1)
    if reduction == "mean":
        per_sentence = per_sentence / words.sum(dim=1).clamp(min=1)
    return per_sentence.mean()


def supervised_contrastive(features, labels, tau=1.0):
    """Khosla et al.'s L^sup_out: per anchor, minus the mean over its positives (same label,
    not itself) of log softmax over every other view; the mean over anchors with a positive."""
    features = F.normalize(features, dim=-1)
    itself = torch.eye(len(features), dtype=torch.bool, device=features.device)
    logits = (features @ features.T / tau).masked_fill(itself, float("-inf"))
    log_probability = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    positives = (labels[:, None] == labels[None, :]) & ~itself
    counts = positives.sum(dim=1)
    anchors = counts > 0
    per_anchor = -log_probability.masked_fill(~positives, 0.0).sum(dim=1)[anchors] / counts[anchors]
    return per_anchor.mean()


def contrastive_coding_term(z, z_fore, z_back, labels, tau2=1.0):
    """L_cc (eq. 10) over the views of a batch: z (input), z_fore (foreground), z_back
    (background), each (B, d); labels (B,) the classes."""
    views = torch.cat([z, z_fore, z_back])
    view_labels = torch.cat([labels, labels, torch.full_like(labels, BACKGROUND)])
    return supervised_contrastive(views, view_labels, tau2)


def total_loss(terms, weight, ablation="none"):
    """eq. 1 from the terms {'ce', 'sc', 'cc'}: L_ce + L_sc + λ·L_cc, without the term the
    ablation drops (no_sc: L_sc, no_cc: L_cc; its entry may then be missing)."""
    if ablation not in ABLATIONS:
        raise ValueError(f"unknown SCC ablation {ablation!r} (known: {', '.join(ABLATIONS)})")
    loss = terms["ce"]
    if ablation != "no_sc":
        loss = loss + terms["sc"]
    if ablation != "no_cc":
        loss = loss + weight * terms["cc"]
    return loss
