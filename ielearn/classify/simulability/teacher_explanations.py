"""The teacher and its explainers, as a student learns from them.

`run_teacher` reads the frozen teacher once: its predicted labels (the student's targets) and
every head's row-mean attention logits mapped onto words. Each teacher explainer then turns
the chosen examples into one distribution over the words the student reads (explanation.py),
from the TeacherRun of those examples, in their order:
- StaticAttention: eq. 11 with the mean over all heads, or the last layer's heads;
- LearnedAttention: eq. 11 with SMaT's learned coefficients;
- ScoreFile: an explainer's exported per-word scores (scores/<split>.jsonl of the extraction
  stage, read and checked by impactx/teacher.read_teacher_maps), softmax(normalised / τ);
- RandomScores: uniform random scores per word, seeded by the example's index in the pool.
The no-explainer student (β = 0) takes None instead.
"""

from pathlib import Path
from typing import NamedTuple

import torch

from ielearn.classify.impactx.teacher import example_key, read_teacher_maps
from ielearn.classify.model import encoded_batches
from ielearn.classify.simulability.attention_logits import head_token_logits, logits_read
from ielearn.classify.simulability.explanation import (attention_explanation, random_scores,
                                                       score_explanation)
from ielearn.classify.simulability.heads import head_weights, static_coefficients
from ielearn.classify.simulability.word_maps import word_logits, word_map
from ielearn.errors import UserError


class TeacherRun(NamedTuple):
    labels: list  # the teacher's predicted label index of each example
    head_word_logits: list  # per example: [layers·heads, its words] row-mean attention logits
    layers: int
    heads: int


class Chosen(NamedTuple):
    """The student's training examples: `indices` into `pool`, the data the teacher did not train on."""
    pool: list
    indices: list

    @property
    def examples(self):
        return [self.pool[i] for i in self.indices]


def check_teacher(teacher_dir):
    """A teacher must exist before a student can simulate it."""
    if not (Path(teacher_dir) / "config.json").is_file():
        raise UserError(f"teacher model {teacher_dir}: not found (no config.json); train the teacher "
                        "(the experiment's baseline) before measuring simulability")
    return teacher_dir


def check_classifier(model, where):
    if model.config.problem_type == "regression" or model.config.num_labels == 1:
        raise UserError(f"{where}: a regression model; simulability compares predicted classes, so it "
                        "needs a classification task")


@torch.inference_mode()
def run_teacher(teacher, tokenizer, examples, batch_size=32, max_length=64):
    """The teacher's predictions and per-head word logits of `examples` (teacher frozen)."""
    labels, logits = [], []
    with logits_read(teacher.eval()):
        for batch, encoding, inputs in encoded_batches(teacher, tokenizer, examples, batch_size, max_length):
            matrix, _, words = word_map(encoding, len(batch))
            outputs, token_logits = head_token_logits(teacher, inputs)
            per_word = word_logits(token_logits.float().cpu(), matrix)
            labels += outputs.argmax(dim=-1).tolist()
            logits += [per_word[i, :, :len(w)].clone() for i, w in enumerate(words)]
    config = teacher.config
    return TeacherRun(labels, logits, config.num_hidden_layers, config.num_attention_heads)


class StaticAttention(NamedTuple):
    """The teacher's attention, eq. 11 with every head of every layer weighted alike (or the last layer's)."""
    last_layer_only: bool = False

    def coefficients(self, run):
        return static_coefficients(run.layers, run.heads, self.last_layer_only)

    def explain(self, run, chosen, tokenizer, max_length):
        return attention_maps(head_weights(self.coefficients(run)), run.head_word_logits)


class LearnedAttention(NamedTuple):
    """Eq. 11 with SMaT's learned head coefficients φ_T (one per head of every teacher layer)."""
    coefficients: torch.Tensor

    def explain(self, run, chosen, tokenizer, max_length):
        if self.coefficients.numel() != run.layers * run.heads:
            raise UserError(f"the learned explainer has {self.coefficients.numel()} head coefficients, the "
                            f"teacher {run.layers * run.heads} heads: it was learned for another teacher")
        return attention_maps(head_weights(self.coefficients.detach()), run.head_word_logits)


def attention_maps(weights, head_word_logits):
    """One eq. 11 distribution per example from its [heads, words] logits."""
    return [attention_explanation(weights, logits[None], torch.ones(1, logits.shape[1], dtype=torch.bool))[0]
            for logits in head_word_logits]


class ScoreFile(NamedTuple):
    """An explainer's exported per-word scores of the whole pool, one JSON row per example."""
    path: str
    temperature: float

    def explain(self, run, chosen, tokenizer, max_length):
        if not Path(self.path).is_file():
            raise UserError(f"{self.path}: no per-word scores; simulability needs an explainer that exports "
                            "them (its extraction's scores/<split>.jsonl): rerun that extraction, or choose "
                            "an explainer that has them")
        maps = read_teacher_maps(self.path, chosen.pool, tokenizer, max_length)
        return [score_explanation(maps[example_key(e)], self.temperature) for e in chosen.examples]


class RandomScores(NamedTuple):
    """Random per-word scores, seeded by the example's index in the pool: a floor for the others."""
    seed: int
    temperature: float

    def explain(self, run, chosen, tokenizer, max_length):
        return [score_explanation(random_scores(run.head_word_logits[k].shape[1], self.seed + i), self.temperature)
                for k, i in enumerate(chosen.indices)]
