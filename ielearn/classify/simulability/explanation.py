"""Explanations as distributions over the words a classifier reads.

- The attention explainer of eq. 11: softmax over words of Σ_h λ_h s^h, with s^h each head's
  row-mean pre-softmax logits (attention_logits.py) mapped onto words (word_maps.py) and
  λ = sparsemax(φ) (heads.py). The student's explainer E_S is always this one, with its own
  learned φ_S; the teacher's static attention explainers are it with fixed φ, SMaT's is it
  with φ_T learned.
- An explainer that exports per-word scores (LIME, SHAP, SCC, IMPACTX, ...): its scores
  divided by the example's largest absolute score (impactx/targets.normalised, so the rule
  does not depend on the scale of an explainer's scores), then softmax(scores / temperature).
  The paper projects its gradient explainers with a softmax of the raw scores (appendix A);
  the normalisation and the temperature are this project's (docs/simulability.md).
"""

import torch

from ielearn.classify.impactx.targets import normalised


def masked_softmax(values, mask):
    """Softmax over the last dimension where `mask` is True; exactly 0 elsewhere."""
    return torch.softmax(values.masked_fill(~mask, float("-inf")), dim=-1)


def attention_explanation(weights, head_word_logits, mask):
    """Eq. 11 over words: λ [heads], logits [batch, heads, words], mask [batch, words]."""
    return masked_softmax(torch.einsum("h,bhw->bw", weights, head_word_logits), mask)


def score_explanation(scores, temperature):
    """One example's per-word scores → a distribution over its words (see the module doc)."""
    return torch.softmax(torch.tensor(normalised(scores), dtype=torch.float32) / temperature, dim=0)


def random_scores(count, seed):
    """Scores of the random explainer: independent uniform draws in [-1, 1), one per word,
    seeded per example, then taken through the same rule as every explainer's scores."""
    generator = torch.Generator().manual_seed(int(seed))
    return (torch.rand(count, generator=generator) * 2 - 1).tolist()
