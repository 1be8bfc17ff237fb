"""The learning-rate schedule of a classifier training, and `finetune.lr: continue`.

A number is the peak of a linear decay over the training's steps (the paper's GLUE recipe;
`warmup_ratio` of them warm up). Each fine-tune builds a fresh AdamW and schedule, so a number
under `finetune` restarts every arm at that peak, although the model it starts from had
decayed well below it (trec: kept at epoch 4-9 of 10 at 1e-4, i.e. 6e-5 to 1e-5).

`continue` (as translation's `finetune.lr: continue`, docs/pipeline.md): a constant rate, the
rate of the last update that made the model the fine-tune starts from (its kept epoch's
last update, recorded as `kept_lr` in its training.json), with no warm-up. The rate of the
*last* update, not the next: a linear decay kept at its final epoch would give 0 next.
A constant rate keeps every iteration of a chain at the same rate, as in translation.
"""

from transformers import get_constant_schedule, get_linear_schedule_with_warmup

from ielearn.classify.training_record import read_training
from ielearn.errors import UserError
from ielearn.finetune_only import CONTINUE_LR



def continued_rate(init_model):
    """The rate the model in `init_model` was last updated at (its training.json `kept_lr`)."""
    try:
        record = read_training(init_model)
    except FileNotFoundError:
        record = {}
    if record.get("kept_lr") is None:
        raise UserError(f"{init_model}/training.json records no `kept_lr`, so 'finetune.lr: continue' "
                        "has no rate to continue from (a model trained before it was recorded): "
                        "retrain that model, or give finetune.lr as a number")
    return float(record["kept_lr"])


def resolved_settings(settings, init_model, pretrained):
    """`settings` with `lr: continue` replaced by the rate to continue at, and the schedule
    that rate implies (`constant`; a number keeps `linear`)."""
    if settings["lr"] != CONTINUE_LR:
        return {**settings, "schedule": "linear"}
    if pretrained:
        raise UserError("lr: continue reads the rate of the classifier a fine-tune starts from; "
                        "a training from the pretrained encoder has none, so give a number")
    return {**settings, "lr": continued_rate(init_model), "schedule": "constant"}


def make_schedule(optimizer, settings, steps):
    """transformers' schedule for `settings['schedule']` over `steps` updates."""
    if settings["schedule"] == "constant":
        return get_constant_schedule(optimizer)
    return get_linear_schedule_with_warmup(optimizer, int(settings["warmup_ratio"] * steps), steps)
