"""The student: the pretrained encoder cut to its first layers, with its own learned attention
explainer E_S (eq. 11 over the student's heads, coefficients φ_S), trained by SGD on
L_student (loss.py) against the teacher's predictions and, with β > 0, a teacher explainer's maps.

`student_loss_of` is the one definition of the loss for a given parameter dict, used both by
plain training (autograd) and inside SMaT's torch.func transforms (smat.py).
"""

from contextlib import contextmanager

import torch
from torch.func import functional_call

from ielearn.classify.model import compute_device, encoded_batches
from ielearn.classify.pretrained import pretrained_path
from ielearn.classify.simulability.attention_logits import read_logits, row_mean_logits
from ielearn.classify.simulability.batches import make_batch, pick, shuffled_batches
from ielearn.classify.simulability.explanation import attention_explanation
from ielearn.classify.simulability.heads import head_weights, static_coefficients
from ielearn.classify.simulability.loss import student_loss
from ielearn.classify.simulability.settings import MEAN_POOLING
from ielearn.classify.simulability.word_maps import word_logits
from ielearn.errors import UserError


def load_student(pretrained, num_labels, settings, where="simulability.student_layers"):
    """The first `settings.student_layers` layers of the pretrained encoder, a fresh
    classification head of `num_labels` over the [CLS] state (BERT's pooler) or the mean of
    the token states (`settings.pooling`), reading attention logits (attention_logits.py)."""
    from transformers import AutoConfig, AutoModel, AutoModelForSequenceClassification

    from ielearn.classify.simulability.pooled_student import MeanPooledClassifier

    source = pretrained_path(pretrained)
    available = AutoConfig.from_pretrained(source).num_hidden_layers
    if settings.student_layers > available:
        raise UserError(f"{where} = {settings.student_layers}: the pretrained encoder '{pretrained}' has only "
                        f"{available} layers; a student takes its first layers, so give at most {available}")
    torch.manual_seed(settings.seed)  # the classification head's initialisation
    options = dict(num_hidden_layers=settings.student_layers, attn_implementation="eager",
                   hidden_dropout_prob=settings.dropout, attention_probs_dropout_prob=settings.dropout)
    with only_errors_from_transformers():  # the cut layers are "unexpected" by design: no report in every log
        if settings.pooling == MEAN_POOLING:
            encoder = read_logits(AutoModel.from_pretrained(source, add_pooling_layer=False, **options))
            return MeanPooledClassifier(encoder, num_labels, settings.dropout).to(compute_device())
        model = AutoModelForSequenceClassification.from_pretrained(source, num_labels=num_labels, **options)
    return read_logits(model).to(compute_device())


@contextmanager
def only_errors_from_transformers():
    """transformers' logging at error level inside the block, as it was after it."""
    from transformers.utils import logging

    level = logging.get_verbosity()
    logging.set_verbosity_error()
    try:
        yield
    finally:
        logging.set_verbosity(level)


def initial_student_coefficients(student):
    """φ_S at the start: the student's explainer is its static all-heads mean."""
    config = student.config
    return static_coefficients(config.num_hidden_layers, config.num_attention_heads).to(student.device)


def student_loss_of(student, params, student_weights, batch, teacher_explanation, beta):
    """L_student of a batch for the parameters `params` (a functional_call dict) and the
    student's head weights λ_S; `teacher_explanation` is E_T [batch, words] (or None)."""
    scaffolded = beta != 0 and teacher_explanation is not None
    outputs = functional_call(student, params, (), dict(batch.inputs, output_attentions=scaffolded))
    if not scaffolded:
        return student_loss(outputs.logits, batch.labels, None, None, batch.word_mask, 0)
    token_logits = row_mean_logits(outputs.attentions, batch.inputs["attention_mask"])
    explanation = attention_explanation(student_weights, word_logits(token_logits, batch.word_map), batch.word_mask)
    return student_loss(outputs.logits, batch.labels, explanation, teacher_explanation, batch.word_mask, beta)


def student_optimizer(student, coefficients, settings):
    """SGD over the student's parameters θ and its explainer's coefficients φ_S (eq. 6-7)."""
    return torch.optim.SGD([*student.parameters(), coefficients], lr=settings.lr, momentum=settings.momentum)


def train_student(student, tokenizer, examples, labels, targets, settings, beta, epoch_losses=None):
    """SGD on L_student over `examples` for `settings.epochs` epochs; returns φ_S. Where
    `epoch_losses` is a list, each epoch's mean L_student over its batches is appended to it
    (the training curve)."""
    coefficients = initial_student_coefficients(student).requires_grad_(True)
    optimizer = student_optimizer(student, coefficients, settings)
    generator = torch.Generator().manual_seed(settings.seed)
    student.train()
    for _ in range(settings.epochs):
        losses = []
        for indices in shuffled_batches(len(examples), settings.batch_size, generator):
            batch = make_batch(tokenizer, pick(examples, indices), pick(labels, indices), settings.max_length,
                               targets=pick(targets, indices), device=student.device)
            params = dict(student.named_parameters())
            loss = student_loss_of(student, params, head_weights(coefficients), batch, batch.targets, beta)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        if epoch_losses is not None:
            epoch_losses.append(sum(losses) / len(losses))
    return coefficients.detach()


@torch.inference_mode()
def predictions(model, tokenizer, examples, batch_size, max_length):
    """The predicted label index of each example."""
    model.eval()
    return [label for _, _, inputs in encoded_batches(model, tokenizer, examples, batch_size, max_length)
            for label in model(**inputs).logits.argmax(dim=-1).tolist()]


def majority_share(labels):
    """The share of the commonest label: what a student that learned only the commonest
    teacher prediction agrees on."""
    if not labels:
        raise ValueError("majority_share needs at least one label")
    return max(labels.count(label) for label in set(labels)) / len(labels)


def learned(train_agreement, majority):
    """Whether a student fitted its own training budget: its agreement with the teacher there
    is at least halfway from the commonest label's share to 1. A student below that did not
    learn the teacher (it diverged, or stalled near the commonest label); its SIM still
    counts in every table (dropping it would bias the comparison), the flag only says so."""
    return train_agreement >= (1 + majority) / 2


def agreement(student_labels, teacher_labels):
    """SIM of eq. 1: the share of examples where the student predicts what the teacher predicts."""
    if len(student_labels) != len(teacher_labels) or not teacher_labels:
        raise ValueError("agreement needs as many student as teacher predictions, at least one")
    return sum(s == t for s, t in zip(student_labels, teacher_labels)) / len(teacher_labels)
