"""Fine-tuning a sequence classifier (the paper's GLUE recipe: Adam, linear decay, dropout 0.1)."""

import logging
import random

import numpy as np
import torch
from transformers import get_linear_schedule_with_warmup

from ielearn.classify.examples import read_examples
from ielearn.classify.model import encode, load_classifier, load_tokenizer, save_classifier
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


def train_epochs(model, tokenizer, examples, task, settings):
    """Run settings['epochs'] epochs of Adam on `examples` (in place)."""
    generator = torch.Generator().manual_seed(settings["seed"])
    steps = settings["epochs"] * ((len(examples) + settings["batch_size"] - 1) // settings["batch_size"])
    # Adam as in the paper (betas 0.9/0.999); AdamW with no weight decay is exactly Adam
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings["lr"], betas=tuple(settings["adam_betas"]),
                                  eps=1e-8, weight_decay=settings["weight_decay"])
    schedule = get_linear_schedule_with_warmup(optimizer, int(settings["warmup_ratio"] * steps), steps)
    pair = task.pair
    model.train()
    for epoch in range(settings["epochs"]):
        total = 0.0
        for batch in batches(examples, settings["batch_size"], generator):
            inputs = encode(tokenizer, [e.text_a for e in batch], [e.text_b for e in batch] if pair else None,
                            settings["max_length"])
            loss = model(**inputs, labels=targets(batch, task)).loss
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item() * len(batch)
        log.info("epoch %d: mean training loss %.4f", epoch + 1, total / len(examples))
    return model.eval()


def finetune(train_path, init_model, out_dir, task, settings, pretrained=False):
    """Fine-tune `init_model` (a pretrained encoder if `pretrained`, else a previous
    classifier) on the examples in train_path; save model and tokenizer in out_dir."""
    random.seed(settings["seed"])
    np.random.seed(settings["seed"])
    torch.manual_seed(settings["seed"])  # also fixes the new classifier head's initialisation
    examples = read_examples(train_path, task)
    model = load_classifier(init_model, task if pretrained else None, dropout=settings["dropout"])
    tokenizer = load_tokenizer(init_model)
    train_epochs(model, tokenizer, examples, task, settings)
    with atomic_directory(out_dir) as tmp:
        save_classifier(model, tokenizer, tmp)
