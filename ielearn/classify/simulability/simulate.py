"""SIM of one student (eq. 1–2): train a small student on a budget of examples the teacher did
not train on, with the teacher's predictions as labels and, unless the explainer is None
(β = 0), a teacher explainer's maps as the scaffold; return the share of a held-out split on
which the student predicts what the teacher predicts.

Inputs are what a rule has: the teacher's model directory, the pretrained encoder the student
is cut from, the pool of unused examples (whose per-word scores a ScoreFile explainer reads,
one row per pool example) and the held-out split.
"""

import json
import random

from ielearn.classify.examples import read_examples
from ielearn.classify.model import load_classifier, load_tokenizer
from ielearn.classify.simulability.settings import check_beta, check_budget
from ielearn.classify.simulability.student import (agreement, learned, load_student, majority_share, predictions,
                                                   train_student)
from ielearn.classify.simulability.teacher_explanations import (Chosen, check_classifier, check_teacher,
                                                                run_teacher)
from ielearn.io import atomic_write


def draw_budget(pool, budget, seed, key="simulability.budget", source="the unused examples"):
    """Chosen: `budget` examples of the pool, drawn with `seed` (kept in pool order)."""
    check_budget(budget, len(pool), key, source)
    return Chosen(pool, sorted(random.Random(seed).sample(range(len(pool)), budget)))


def load_teacher(teacher_dir):
    teacher = load_classifier(check_teacher(teacher_dir))
    check_classifier(teacher, str(teacher_dir))
    return teacher.eval(), load_tokenizer(teacher_dir)


def student_agreements(teacher_dir, pretrained, pool, held_out, explainer, settings, where="simulability"):
    """(per example of `held_out`: whether one student (settings.seed draws its budget,
    initialises and orders its training) predicts the teacher's label; how it fitted:
    {train_loss: each epoch's mean L_student, train_agreement: with the teacher on its own
    budget after training, majority_share: of the teacher's commonest label there, learned:
    student.learned of the two}); `explainer`: a teacher explainer (teacher_explanations.py) or None."""
    beta = 0.0 if explainer is None else check_beta(settings.beta, f"{where}.beta")
    chosen = draw_budget(pool, settings.budget, settings.seed, f"{where}.budget")
    teacher, tokenizer = load_teacher(teacher_dir)
    run = run_teacher(teacher, tokenizer, chosen.examples, settings.batch_size, settings.max_length)
    targets = None if explainer is None else explainer.explain(run, chosen, tokenizer, settings.max_length)
    held_out_labels = run_teacher(teacher, tokenizer, held_out, settings.batch_size, settings.max_length).labels
    student = load_student(pretrained, teacher.config.num_labels, settings, f"{where}.student_layers")
    epoch_losses = []
    train_student(student, tokenizer, chosen.examples, run.labels, targets, settings, beta, epoch_losses)
    on_budget = agreement(predictions(student, tokenizer, chosen.examples, settings.batch_size,
                                      settings.max_length), run.labels)
    majority = majority_share(run.labels)
    fit = {"train_loss": epoch_losses, "train_agreement": on_budget, "majority_share": majority,
           "learned": learned(on_budget, majority)}
    found = predictions(student, tokenizer, held_out, settings.batch_size, settings.max_length)
    agreement(found, held_out_labels)  # the lengths' check
    return [int(s == t) for s, t in zip(found, held_out_labels)], fit


def simulate(teacher_dir, pretrained, pool, held_out, explainer, settings, where="simulability"):
    """SIM on `held_out` of one student (student_agreements)."""
    agrees, _ = student_agreements(teacher_dir, pretrained, pool, held_out, explainer, settings, where)
    return sum(agrees) / len(agrees)


def simulate_files(teacher_dir, pretrained, pool_path, held_out_path, task, explainer, settings, out_path,
                   where="simulability"):
    """What a rule runs: SIM of one student from example files (ielearn's TSV), written as one
    JSON object {"sim", "budget", "seed", "beta", "held_out", "agrees", "fit"} to `out_path`
    (atomically); `agrees`: 1 where the student predicts the teacher's label, per held-out example;
    `fit`: how the student fitted its budget (student_agreements). A student that did not
    learn is said so in the log (the job's), and still counts."""
    pool, held_out = read_examples(pool_path, task), read_examples(held_out_path, task)
    agrees, fit = student_agreements(teacher_dir, pretrained, pool, held_out, explainer, settings, where)
    record = {"sim": sum(agrees) / len(agrees), "budget": settings.budget, "seed": settings.seed,
              "beta": 0.0 if explainer is None else settings.beta, "held_out": len(held_out), "agrees": agrees,
              "fit": fit}
    if not fit["learned"]:
        print(f"{out_path}: this student did not learn the teacher: it agrees with it on "
              f"{fit['train_agreement']:.1%} of its own {settings.budget} training examples (the commonest "
              f"label alone: {fit['majority_share']:.1%}); its training losses per epoch: "
              f"{' '.join(f'{loss:.3f}' for loss in fit['train_loss'])}", flush=True)
    with atomic_write(out_path) as handle:
        handle.write(json.dumps(record) + "\n")
    return record
