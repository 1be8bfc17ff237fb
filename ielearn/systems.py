"""The registry of systems: every explainer, control and trained method of both halves, one
entry each (docs/extending.md). No other module of ielearn/, rules/ or workflow_scripts/
spells a system's name (tests/test_systems.py greps for it): they ask this module.

- An *explainer* ranks an example's words; the top one is appended (classification: its
  `ranker`; translation: the decoder's attention, ielearn/nmt/attention.py).
- A *control* appends words that no explainer chose (`random`) or nothing (`none`), at the
  same fine-tuning budget.
- A *trained method* trains its own model 0 from the pretrained encoder with its own
  `objective` (SCC, IMPACTX); a system may be both a trained method and an explainer (SCC's
  layer explains the model it trained: its chain starts from that model, ielearn/design.py).
- A *variant* is a trained method's own control: its model 0 trained again, same architecture
  and budget, with one thing taken away (IMPACTX without its explanation target, or with
  targets that carry no explanation), in `<method>/control_<variant>/`.
Hooks are 'module:function' strings, imported only when used (`load`), so that reading the
registry imports no torch. Plain Python: no torch, no Snakemake.
"""

from dataclasses import dataclass
from importlib import import_module

EXPLAINER, CONTROL, TRAINED_METHOD, VARIANT = "explainer", "control", "trained method", "variant"
TRANSLATION, CLASSIFICATION = "translation", "classification"
BOTH = (TRANSLATION, CLASSIFICATION)
CONTROL_PREFIX = "control_"  # a control's directory: control_<name>/


@dataclass(frozen=True)
class System:
    name: str
    kinds: tuple  # EXPLAINER, CONTROL and/or TRAINED_METHOD, or VARIANT
    halves: tuple  # TRANSLATION and/or CLASSIFICATION
    # its words (a variant: its targets) come from seeded random draws (provenance records the seed)
    draws: bool = False
    appends: bool = True  # False: a control that appends nothing, whose models read the plain examples
    # the experiment's settings section of the system ('lime': experiment["lime"]): an
    # explainer's ranker reads it; a trained method's holds `enabled`, `train` and its objective's
    settings: str | None = None
    # (model, tokenizer, examples, name, extraction settings, seeds, model directory) → one ranking per example
    ranker: str | None = None
    # its ranker only asks the model for outputs on texts (LIME, SHAP), so the experiment's
    # inference backend runs those forward passes (ielearn/classify/backends.py)
    forward_passes: bool = False
    # (its settings section, task) → the `objective` of ielearn.classify.train.finetune, which
    # wraps the model (SCC: the sparse coding layer on the encoder)
    objective: str | None = None
    # (experiment, dataset, where, system): fills and checks its settings section (config.yaml)
    check: str | None = None
    # a trained method: (init_model, task or None, dropout) → its model, as load_classifier
    # (None: a plain classifier); IMPACTX's two encoders
    model: str | None = None
    # a trained method that learns from an explainer's per-word scores of the baseline: its
    # section's `teacher` names the explainer (ielearn/design.py's teacher_of)
    teacher: bool = False
    # a variant: the trained method it varies, the settings of that method's section it
    # changes ((key, value), ...), and what it takes away, in the verdict's words
    variant_of: str | None = None
    changes: tuple = ()
    role: str = ""
    # an explainer that learns its map of a model before it ranks (SMaT): 'module:function',
    # (teacher model dir, pretrained encoder, pool examples, outer examples, task, student
    # settings, out path, config key) → writes the learned map, which its ranker reads
    # (settings["learned"]; rules/classify_simulability.smk)
    learner: str | None = None

    def is_a(self, kind):
        return kind in self.kinds

    @property
    def directory(self):
        """Its system_dir (ielearn/layout.py): '<name>/', a control's 'control_<name>/' (on the
        baseline's chain), a variant's '<method>/control_<name>/'."""
        if self.is_a(VARIANT):
            return f"{self.variant_of}/{CONTROL_PREFIX}{self.name}/"
        return f"{CONTROL_PREFIX}{self.name}/" if self.is_a(CONTROL) else f"{self.name}/"

    def load(self, hook):
        """The function a hook ('ranker', 'objective', 'check', 'model', 'learner') names, imported now."""
        module, _, function = getattr(self, hook).partition(":")
        return getattr(import_module(module), function)


# names that the design and the tables give a role to
ATTENTION, RANDOM, NOTHING, SCC, IMPACTX = "attention", "random", "none", "scc", "impactx"

_REGISTRY = {}


def register(system):
    """Add a system (docs/extending.md); its name must be new."""
    if system.name in _REGISTRY:
        raise ValueError(f"system {system.name!r} is registered already")
    _REGISTRY[system.name] = system
    return system


def unregister(name):
    """Remove a system (a test's toy system, once the test is done)."""
    del _REGISTRY[name]


def system(name):
    """The registry's entry of a system name (KeyError for an unknown one)."""
    return _REGISTRY[name]


def known(name):
    return name in _REGISTRY


def names(kind, half=CLASSIFICATION):
    """The systems of one kind in one half, in registration order (the schema's enum order)."""
    return tuple(s.name for s in _REGISTRY.values() if s.is_a(kind) and half in s.halves)


def is_kind(name, kind):
    return known(name) and system(name).is_a(kind)


def variants_of(method):
    """The variants of a trained method, in registration order."""
    return tuple(name for name in names(VARIANT) if system(name).variant_of == method)


def draws_all_words(name):
    """Whether a system is a control whose every appended word is drawn at random (`random`)."""
    return is_kind(name, CONTROL) and system(name).draws and system(name).appends


register(System(ATTENTION, (EXPLAINER,), BOTH, ranker="ielearn.classify.extract:attention_ranker"))
register(System("lime", (EXPLAINER,), (CLASSIFICATION,), draws=True, settings="lime",
                ranker="ielearn.classify.extract:lime_ranker", forward_passes=True))
register(System("shap", (EXPLAINER,), (CLASSIFICATION,), draws=True, settings="shap",
                ranker="ielearn.classify.extract:shap_ranker", forward_passes=True))
register(System(SCC, (EXPLAINER, TRAINED_METHOD), (CLASSIFICATION,), settings="scc",
                ranker="ielearn.classify.extract:scc_ranker",
                objective="ielearn.classify.scc.objective:scc_objective",
                check="ielearn.classify.scc.settings:check_scc"))
register(System(RANDOM, (CONTROL,), BOTH, draws=True))
register(System(NOTHING, (CONTROL,), BOTH, appends=False))
register(System(IMPACTX, (EXPLAINER, TRAINED_METHOD), (CLASSIFICATION,), settings="impactx", teacher=True,
                ranker="ielearn.classify.impactx.explain:impactx_ranker",
                objective="ielearn.classify.impactx.objective:impactx_objective",
                check="ielearn.classify.impactx.settings:check_impactx",
                model="ielearn.classify.impactx.model:make_impactx"))
# SMaT (docs/simulability.md): eq. 11 with head coefficients learned per seed on the baseline
# so that a student simulates it best; its top word is appended like every explainer's
register(System("smat", (EXPLAINER,), (CLASSIFICATION,), ranker="ielearn.classify.simulability.smat_words:smat_ranker",
                learner="ielearn.classify.simulability.jobs:learn_smat"))
# IMPACTX's controls (docs/impactx.md): the same two encoders, heads, training and budget
register(System("lambda_zero", (VARIANT,), (CLASSIFICATION,), variant_of=IMPACTX, changes=(("lambda", 0.0),),
                role="λ = 0: no explanation target, D untrained"))
register(System("shuffled_maps", (VARIANT,), (CLASSIFICATION,), variant_of=IMPACTX,
                changes=(("shuffle_maps", True),), role="R shuffled across examples"))
register(System("random_maps", (VARIANT,), (CLASSIFICATION,), variant_of=IMPACTX, draws=True,
                role="R drawn at random for the same words"))
