"""Settings only a fine-tune can take, checked the same way in both halves' configs.

`lr: continue` (the rate the model a fine-tune starts from was last updated at), a rate sweep
and `matched_updates` belong to the fine-tunes; a training that starts a model (a baseline, a
trained method's model 0) takes none of them. Plain Python: imports neither half.
"""

from ielearn.errors import UserError

CONTINUE_LR = "continue"  # finetune.lr: the rate the model it starts from was last updated at


def check_trains_once(training, where):
    """A UserError naming `where` for a fine-tune-only setting in a training that starts a model."""
    if isinstance(training.get("lr"), list):
        raise UserError(f"{where}.lr: a list is a learning-rate sweep of the fine-tunes; "
                        "this training runs once, so give one rate (a sweep goes under `finetune`)")
    if training.get("lr") == CONTINUE_LR:
        raise UserError(f"{where}.lr: 'continue' reads the rate of the model a fine-tune starts "
                        "from; this training starts a new model, so give a number")
    if training.get("matched_updates"):
        raise UserError(f"{where}.matched_updates: a budget matched across the fine-tuned arms; "
                        "set it under `finetune`")
