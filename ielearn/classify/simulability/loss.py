"""The student's loss of eq. 2–3: L = CE(S(x), T(x)) + β · KL(E_S ‖ E_T), averaged over the
batch. CE is against the teacher's predicted labels (simulation, not the gold labels); KL is
taken over each example's words (padding words carry probability 0 in both maps)."""

import torch
from torch.nn import functional


def kl_divergence(student, teacher, mask):
    """Σ_w E_S(w) (log E_S(w) − log E_T(w)) per example, over the words `mask` keeps; a word
    the student gives 0 adds 0 (0 · log 0 = 0)."""
    keep = mask & (student > 0)
    safe_student = torch.where(keep, student, torch.ones_like(student))
    safe_teacher = torch.where(keep, teacher, torch.ones_like(teacher))
    terms = torch.where(keep, student * (safe_student.log() - safe_teacher.log()), torch.zeros_like(student))
    return terms.sum(dim=-1)


def simulation_loss(student_logits, teacher_labels):
    """L_sim: cross-entropy of the student's logits against the teacher's predictions."""
    return functional.cross_entropy(student_logits, teacher_labels)


def student_loss(student_logits, teacher_labels, student_explanation, teacher_explanation, mask, beta):
    """L_student of eq. 3 (β = 0: the no-explainer student; the explanations are then unused)."""
    loss = simulation_loss(student_logits, teacher_labels)
    if beta == 0 or teacher_explanation is None:
        return loss
    return loss + beta * kl_divergence(student_explanation, teacher_explanation, mask).mean()
