"""A toy trained method, as docs/extending.md adds one: its registry entry, its settings
section (schemas/config.schema.yaml's, here added by tests/test_extending.py), the check that
fills it, and its objective (none: plain cross entropy). tests/test_extending.py registers it."""

from ielearn.systems import CLASSIFICATION, TRAINED_METHOD, System

ENTRY = System("toytrain", (TRAINED_METHOD,), (CLASSIFICATION,), settings="toytrain",
               objective=f"{__name__}:objective", check=f"{__name__}:check")

# the section's schema: `enabled` and `train`, as every trained method's
SCHEMA = {"type": "object", "additionalProperties": False, "default": {},
          "properties": {"enabled": {"type": "boolean", "default": False},
                         "train": {"type": "object", "default": {}}}}


def check(experiment, dataset, where, system):
    """Its training takes the baseline's settings, but for those it sets."""
    section = experiment[system.settings]
    section["train"] = {**experiment["train"], **section["train"]}


def objective(settings, task):
    """ielearn.classify.train.finetune's `objective`: None trains with plain cross entropy."""
    return None
