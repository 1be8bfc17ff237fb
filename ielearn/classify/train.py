"""Fine-tuning a sequence classifier (the paper's GLUE recipe: Adam, linear decay, dropout 0.1),
keeping the best epoch on validation.

SCC (§4.1) states the standard practice this follows: "we adopt the best checkpoint on the
validation set for all tested methods". After every epoch the model is scored on the valid
split with the task's headline metric (accuracy, MCC, Spearman, ...); the best epoch's
weights are kept (the earliest on ties), and training stops once `patience` epochs in a
row have not beaten it, or after `epochs` epochs (the cap; the linear decay runs over the
cap, the same schedule for every arm). `training.json` beside the model records each
epoch's loss and valid score, the epoch kept, and the compute spent: updates, epochs,
examples and wordpieces seen (ielearn/classify/training_record.py), seconds and peak
memory (ielearn/classify/training_cost.py).

Fine-tunes may instead continue at the rate the model they start from was last updated at
(`finetune.lr: continue`, constant; ielearn/classify/schedule.py), and may take a strictly
matched budget (`finetune.matched_updates: N`: N updates, the last model kept), as in translation.

One loop trains every system: the loss is a hook (`objective`). The default is the
classifier's own cross entropy; SCC (ielearn/classify/scc/) passes an objective that adds its
sparse coding layer's parameters and losses, and whose state is kept with the best epoch.
"""

import copy
import logging
import random

import numpy as np
import torch

from ielearn.classify.examples import read_examples
from ielearn.classify.model import Predictor, encode, load_classifier, load_tokenizer, save_classifier
from ielearn.classify.schedule import make_schedule, resolved_settings
from ielearn.classify.score import headline_value, predict
from ielearn.classify.training_cost import Cost
from ielearn.classify.training_record import write_training
from ielearn.io import atomic_directory

log = logging.getLogger(__name__)


def targets(examples, task):
    if task.regression:
        return torch.tensor([float(e.label) for e in examples])
    return torch.tensor([task.labels.index(e.label) for e in examples])


def batches(examples, batch_size, generator):
    order = torch.randperm(len(examples), generator=generator).tolist()
    for start in range(0, len(order), batch_size):
        yield [examples[i] for i in order[start:start + batch_size]]


def validation_score(model, tokenizer, examples, task, settings):
    predictor = Predictor(model, tokenizer, max(64, settings["batch_size"]), settings["max_length"])
    return headline_value(task, examples, predict(predictor, examples, task))


class CrossEntropy:
    """The default objective: the classifier's own loss (cross entropy; MSE for regression).

    An objective gives the extra trainable `parameters()`, the `loss` of one batch (`epochs`:
    training done so far, in epochs, for schedules inside the loss; `examples`: the batch's
    examples, for targets of their own such as IMPACTX's teacher maps), how many forward passes
    over each input it makes (`views`, counted in the wordpieces read), a state that is
    kept with the best epoch, and figures of its own per epoch (`epoch_report`)."""

    views = 1

    def parameters(self):
        return []

    def loss(self, model, inputs, labels, epochs, examples=None):
        return model(**inputs, labels=labels).loss

    def train(self, mode=True):
        return self

    def state_dict(self):
        return {}

    def load_state_dict(self, state):
        pass

    def epoch_report(self):
        """Figures of the objective's own over the epoch just trained (SCC: its masks' keep rate)."""
        return {}


def updates_per_epoch(examples, settings):
    return (len(examples) + settings["batch_size"] - 1) // settings["batch_size"]


def train_epoch(model, tokenizer, examples, task, settings, optimizer, schedule, generator,
                objective=None, done=0, max_updates=None):
    """One epoch of updates after `done` epochs, or its first `max_updates` batches; (mean
    training loss, updates, examples and wordpieces read, the rate of the last update)."""
    objective = objective or CrossEntropy()
    model.train()
    objective.train()
    total, updates, seen, wordpieces, rate = 0.0, 0, 0, 0, None
    per_epoch = updates_per_epoch(examples, settings)
    for batch in batches(examples, settings["batch_size"], generator):
        if max_updates is not None and updates >= max_updates:
            break
        inputs = encode(tokenizer, [e.text_a for e in batch], [e.text_b for e in batch] if task.pair else None,
                        settings["max_length"], device=model.device)
        loss = objective.loss(model, inputs, targets(batch, task).to(model.device), done + updates / per_epoch,
                              examples=batch)
        loss.backward()
        rate = optimizer.param_groups[0]["lr"]
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        total += loss.item() * len(batch)
        updates += 1
        seen += len(batch)
        wordpieces += objective.views * int(inputs["attention_mask"].sum())
    return total / seen, updates, seen, wordpieces, rate


def epoch_budget(examples, settings):
    """(epochs to run at most, updates in all): the `epochs` cap, or with `matched_updates: N`
    exactly N updates over as many epochs as they take (the last one partial)."""
    per_epoch = updates_per_epoch(examples, settings)
    matched = settings.get("matched_updates") or 0
    if matched:
        return -(-matched // per_epoch), matched
    return settings["epochs"], settings["epochs"] * per_epoch


def train_epochs(model, tokenizer, examples, task, settings, valid=None, objective=None):
    """Up to settings['epochs'] epochs of Adam on `examples` (in place); with `valid`, the
    best epoch's weights (the model's and the objective's) are restored at the end. With
    `matched_updates: N`, exactly N updates, no early stopping, and the last model is kept
    (choosing the best epoch would bring early stopping back); valid is still scored per epoch.
    `settings['schedule']` is resolved (ielearn/classify/schedule.py). Returns the training record."""
    objective = objective or CrossEntropy()
    generator = torch.Generator().manual_seed(settings["seed"])
    max_epochs, steps = epoch_budget(examples, settings)
    matched = bool(settings.get("matched_updates"))
    # Adam as in the paper (betas 0.9/0.999); AdamW with no weight decay is exactly Adam
    optimizer = torch.optim.AdamW([*model.parameters(), *objective.parameters()], lr=settings["lr"],
                                  betas=tuple(settings["adam_betas"]), eps=1e-8, weight_decay=settings["weight_decay"])
    schedule = make_schedule(optimizer, settings, steps)
    record = {"epochs": 0, "updates": 0, "examples": 0, "wordpieces": 0, "history": [],
              "kept_epoch": None, "metric": None, "valid_score": None, "lr": settings["lr"],
              "schedule": settings["schedule"], "kept": "last" if matched else "best", "kept_lr": None}
    best_state, since_best = None, 0
    for epoch in range(1, max_epochs + 1):
        loss, updates, seen, wordpieces, rate = train_epoch(
            model, tokenizer, examples, task, settings, optimizer, schedule, generator, objective,
            done=epoch - 1, max_updates=steps - record["updates"])
        record["epochs"], record["updates"] = epoch, record["updates"] + updates
        record["examples"] += seen
        record["wordpieces"] += wordpieces
        own = objective.epoch_report()
        entry = {"epoch": epoch, "train_loss": round(loss, 6), "updates": record["updates"], "last_lr": rate, **own}
        if valid:
            metric, value = validation_score(model, tokenizer, valid, task, settings)
            entry["valid"] = value
            if matched or record["valid_score"] is None or value > record["valid_score"]:
                record.update(kept_epoch=epoch, metric=metric, valid_score=value, kept_lr=rate)
                best_state = None if matched else copy.deepcopy((model.state_dict(), objective.state_dict()))
                since_best = 0
            else:
                since_best += 1
        record["history"].append(entry)
        log.info("epoch %d: mean training loss %.4f%s%s", epoch, loss,
                 "".join(f", {name} {value}" for name, value in own.items()),
                 f", valid {entry.get('valid'):.4f}" if valid else "")
        if not matched and valid and settings["patience"] is not None and since_best >= settings["patience"]:
            log.info("valid has not improved for %d epochs: stopping", since_best)
            break
    objective.train(False)
    if best_state is not None:
        model.load_state_dict(best_state[0])
        objective.load_state_dict(best_state[1])
        log.info("kept epoch %d (valid %s %.4f)", record["kept_epoch"], record["metric"], record["valid_score"])
    elif record["kept_lr"] is None:  # no valid split: the last epoch is the model
        record.update(kept_epoch=record["epochs"], kept_lr=record["history"][-1]["last_lr"])
    return model.eval(), record


def finetune(train_path, init_model, out_dir, task, settings, pretrained=False, valid_path=None,
             objective=None, make_model=None):
    """Fine-tune `init_model` (a pretrained encoder if `pretrained`, else a previous
    classifier) on the examples in train_path, keeping the best epoch on valid_path's
    examples; save model, tokenizer and training.json in out_dir. settings['lr'] may be
    `continue` (a fine-tune only): the rate init_model was last updated at, held constant.

    objective: None (cross entropy) or a function (model, init_model) → objective, made after
    the model (on its device); whatever the objective must keep it saves with `save(dir)`.
    make_model: how a system other than a plain classifier builds its model from
    (init_model, task or None, dropout), as load_classifier does (IMPACTX's two encoders)."""
    cost = Cost()
    settings = resolved_settings(settings, init_model, pretrained)
    random.seed(settings["seed"])
    np.random.seed(settings["seed"])
    torch.manual_seed(settings["seed"])  # also fixes the new classifier head's initialisation
    examples = read_examples(train_path, task)
    valid = read_examples(valid_path, task) if valid_path else None
    model = (make_model or load_classifier)(init_model, task if pretrained else None, dropout=settings["dropout"])
    tokenizer = load_tokenizer(init_model)
    made = objective(model, init_model) if objective else None
    model, record = train_epochs(model, tokenizer, examples, task, settings, valid, made)
    record.update(cost.figures())
    with atomic_directory(out_dir) as tmp:
        save_classifier(model, tokenizer, tmp)
        if made is not None:
            made.save(tmp)
        write_training(tmp, record)
