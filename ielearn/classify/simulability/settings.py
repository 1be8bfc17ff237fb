"""The settings of a simulability student and of SMaT, and their checks (plain Python: config
reading imports no torch). Every value a user can get wrong ends in one UserError naming its key.

Defaults follow the paper where it says (β = 5 for attention explainers and 0.2 for the
others, SGD in the inner loop, one inner step per outer update) and are this project's choice
where it does not (learning rates, epochs, pooling, temperature: docs/simulability.md, chosen
on one student per setting on trec so far).
"""

from dataclasses import dataclass, fields, replace

from ielearn.errors import UserError

CLS_POOLING, MEAN_POOLING = "cls", "mean"
BETA_ATTENTION, BETA_SCORES = 5.0, 0.2  # the paper's β for attention and for gradient (score) explainers


@dataclass(frozen=True)
class StudentSettings:
    budget: int = 500  # training examples of the student, drawn from data the teacher did not train on
    student_layers: int = 2  # the student is the pretrained encoder's first layers
    pooling: str = MEAN_POOLING  # what its head reads: the mean of the tokens, or the [CLS] state (BERT's pooler)
    beta: float = BETA_ATTENTION  # weight of KL(E_S ‖ E_T); 0: the no-explainer student
    temperature: float = 0.1  # E_T from per-word scores: softmax(normalised scores / temperature)
    lr: float = 0.05  # the student's SGD step (the paper's η_INN); chosen on valid (docs/simulability.md)
    momentum: float = 0.0  # of the student's own SGD updates (eq. 6-7; the paper's: 0); SMaT's pilot step has none
    outer_lr: float = 0.1  # SMaT: the teacher explainer's SGD step (η_OUT)
    epochs: int = 30  # plain SGD needs about 30 epochs of 500 trec questions (docs/simulability.md)
    batch_size: int = 16
    max_length: int = 64
    dropout: float = 0.1
    seed: int = 0


POSITIVE_INTEGERS = ("budget", "student_layers", "epochs", "batch_size", "max_length")
POSITIVE_NUMBERS = ("temperature", "lr", "outer_lr")


def student_settings(section=None, where="simulability"):
    """StudentSettings from a config section ({key: value}); `where` prefixes the keys named
    in messages (e.g. 'experiments.trec.simulability')."""
    section = dict(section or {})
    known = {f.name for f in fields(StudentSettings)}
    unknown = sorted(set(section) - known)
    if unknown:
        raise UserError(f"{where}: unknown key(s) {unknown}; known: {sorted(known)}")
    settings = replace(StudentSettings(), **section)
    for key in POSITIVE_INTEGERS:
        value = getattr(settings, key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UserError(f"{where}.{key} = {value!r}: give a whole number of at least 1")
    for key in POSITIVE_NUMBERS:
        _check_number(getattr(settings, key), f"{where}.{key}", minimum_excluded=True)
    check_beta(settings.beta, f"{where}.beta")
    if settings.pooling not in (CLS_POOLING, MEAN_POOLING):
        raise UserError(f"{where}.pooling = {settings.pooling!r}: give {CLS_POOLING!r} or {MEAN_POOLING!r}")
    for key in ("dropout", "momentum"):
        if not 0 <= _check_number(getattr(settings, key), f"{where}.{key}") < 1:
            raise UserError(f"{where}.{key} = {getattr(settings, key)!r}: give a number in [0, 1)")
    return settings


def _check_number(value, key, minimum_excluded=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserError(f"{key} = {value!r}: give a number")
    if minimum_excluded and not value > 0:
        raise UserError(f"{key} = {value!r}: give a number above 0")
    return value


def check_beta(beta, key="simulability.beta"):
    """β weighs the explanation regulariser: 0 switches it off, a negative β would reward a
    student for explaining itself unlike the teacher."""
    _check_number(beta, key)
    if beta < 0:
        raise UserError(f"{key} = {beta!r}: β weighs KL(E_S ‖ E_T) and must be >= 0 (0: no explainer)")
    return float(beta)


def check_budget(budget, available, key="simulability.budget", source="the unused examples"):
    """The student's budget must fit in the data the teacher did not train on."""
    if budget > available:
        raise UserError(f"{key} = {budget}: only {available} examples the teacher did not train on "
                        f"({source}); lower the budget or give the student more unused data")
    return budget
