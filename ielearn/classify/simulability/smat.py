"""SMaT (section 3–4): learn the teacher explainer's head coefficients φ_T so that a student
trained with its maps simulates the teacher best (the bi-level problem of eq. 4–5).

One outer update, as the paper's eq. 6–9 (one inner step, the student never reset):
1. eq. 6–7: the student θ and its explainer φ_S take one SGD step on L_student with the
   current teacher map E_T(φ_T) (plain autograd; E_T held fixed);
2. eq. 8: a pilot step θ' = θ − η_INN ∇_θ L_student(θ, φ_S, φ_T) from the updated student,
   written with torch.func (functional_call + grad) so that θ' is a function of φ_T;
3. eq. 9: the outer loss L_sim(S_θ'(x), T(x)) on a held-out batch, its hypergradient with
   respect to the head weights λ_T = sparsemax(φ_T) by torch.func.grad (second order through
   the pilot step), carried back to φ_T through sparsemax by autograd (heads.py says why),
   and φ_T ← φ_T − η_OUT · hypergradient.
"""

from typing import NamedTuple

import torch
from torch.func import functional_call, grad, grad_and_value

from ielearn.classify.simulability.batches import make_batch, pick, shuffled_batches
from ielearn.classify.simulability.explanation import attention_explanation
from ielearn.classify.simulability.heads import head_weights, static_coefficients
from ielearn.classify.simulability.loss import simulation_loss
from ielearn.classify.simulability.settings import check_beta
from ielearn.classify.simulability.simulate import draw_budget, load_teacher
from ielearn.classify.simulability.student import (initial_student_coefficients, load_student,
                                                   student_loss_of, student_optimizer)
from ielearn.classify.simulability.teacher_explanations import run_teacher
from ielearn.errors import UserError


def initial_teacher_coefficients(run):
    """φ_T at the start: the static explainer, the mean over every head of every layer."""
    return static_coefficients(run.layers, run.heads)


def teacher_explanation(teacher_weights, batch):
    """E_T(φ_T) of a batch: eq. 11 over the teacher's per-head word logits."""
    return attention_explanation(teacher_weights, batch.teacher_logits, batch.word_mask)


def outer_loss(teacher_weights, student, params, student_weights, batch, outer_batch, lr, beta):
    """L_sim on `outer_batch` of the student after the pilot step of eq. 8, as a function of λ_T."""
    def inner(parameters):
        return student_loss_of(student, parameters, student_weights, batch,
                               teacher_explanation(teacher_weights, batch), beta)
    steps = grad(inner)(params)
    pilot = {name: params[name] - lr * steps[name] for name in params}
    logits = functional_call(student, pilot, (), dict(outer_batch.inputs)).logits
    return simulation_loss(logits, outer_batch.labels)


def hypergradient(coefficients, student, params, student_weights, batch, outer_batch, lr, beta):
    """(d outer_loss / d φ_T (eq. 9) at φ_T = `coefficients`, outer_loss there)."""
    coefficients = coefficients.detach().requires_grad_(True)
    weights = head_weights(coefficients)
    fixed = {name: value.detach() for name, value in params.items()}
    by_weights, value = grad_and_value(outer_loss)(weights.detach(), student, fixed, student_weights.detach(), batch,
                                                   outer_batch, lr, beta)
    return torch.autograd.grad(weights, coefficients, by_weights)[0], value


class SmatState(NamedTuple):
    student_coefficients: torch.Tensor  # φ_S
    teacher_coefficients: torch.Tensor  # φ_T
    optimizer: torch.optim.Optimizer  # the student's SGD over θ and φ_S


def smat_update(student, state, batch, outer_batch, settings):
    """One outer update (steps 1–3 of the module doc); returns (φ_T, L_student, outer L_sim)."""
    student_coefficients, teacher_coefficients, optimizer = state
    fixed_teacher = teacher_explanation(head_weights(teacher_coefficients), batch).detach()
    loss = student_loss_of(student, dict(student.named_parameters()), head_weights(student_coefficients), batch,
                           fixed_teacher, settings.beta)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    step, outer = hypergradient(teacher_coefficients, student, dict(student.named_parameters()),
                                head_weights(student_coefficients.detach()), batch, outer_batch, settings.lr,
                                settings.beta)
    return teacher_coefficients - settings.outer_lr * step, loss.item(), outer.item()


def learn_explainer(teacher_dir, pretrained, pool, outer_examples, settings, where="simulability"):
    """SMaT's φ_T for the teacher, learned with one student over `settings.epochs` epochs of its
    budget; the outer loss reads `outer_examples` (a held-out split other than SIM's).
    Returns (φ_T, [(L_student, outer L_sim) per update])."""
    if check_beta(settings.beta, f"{where}.beta") == 0:
        raise UserError(f"{where}.beta = 0: SMaT learns the explainer through the student's KL term, which "
                        "β = 0 switches off; give β > 0 (the paper's 5 for attention)")
    chosen = draw_budget(pool, settings.budget, settings.seed, f"{where}.budget")
    teacher, tokenizer = load_teacher(teacher_dir)
    run = run_teacher(teacher, tokenizer, chosen.examples, settings.batch_size, settings.max_length)
    outer_run = run_teacher(teacher, tokenizer, outer_examples, settings.batch_size, settings.max_length)
    student = load_student(pretrained, teacher.config.num_labels, settings, f"{where}.student_layers")
    student_coefficients = initial_student_coefficients(student).requires_grad_(True)
    state = SmatState(student_coefficients,
                      initial_teacher_coefficients(run).to(student.device),
                      student_optimizer(student, student_coefficients, settings))
    generator = torch.Generator().manual_seed(settings.seed)
    examples, record = chosen.examples, []
    student.train()
    for _ in range(settings.epochs):
        outer_order = shuffled_batches(len(outer_examples), settings.batch_size, generator)
        for step, indices in enumerate(shuffled_batches(len(examples), settings.batch_size, generator)):
            batch = make_batch(tokenizer, pick(examples, indices), pick(run.labels, indices), settings.max_length,
                               teacher_logits=pick(run.head_word_logits, indices), device=student.device)
            outer_indices = outer_order[step % len(outer_order)]
            outer_batch = make_batch(tokenizer, pick(outer_examples, outer_indices),
                                     pick(outer_run.labels, outer_indices), settings.max_length, device=student.device)
            coefficients, inner, outer = smat_update(student, state, batch, outer_batch, settings)
            state = state._replace(teacher_coefficients=coefficients)
            record.append((inner, outer))
    return state.teacher_coefficients.detach().cpu(), record
