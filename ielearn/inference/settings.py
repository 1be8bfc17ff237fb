"""An experiment's `significance` config block as the settings of ielearn.inference."""

from dataclasses import dataclass

from ielearn.inference.answers import MARGIN

# the schema's defaults (`significance` of both halves in schemas/config.schema.yaml), which
# config validation fills in; here for callers without a validated config (tests, recompute)
DEFAULTS = {"ar_trials": 1000, "seed": 12345, "primary": None, "equivalence_margin": MARGIN}


@dataclass(frozen=True)
class Settings:
    trials: int = DEFAULTS["ar_trials"]  # approximate randomization trials (per-seed diagnostics)
    seed: int = DEFAULTS["seed"]
    margin: float = DEFAULTS["equivalence_margin"]  # equivalence margin, in the metric's units


def significance_settings(block=None):
    """The Settings of a `significance` block; a key it lacks takes its default (`primary` is
    the design's, ielearn.design)."""
    block = {**DEFAULTS, **(block or {})}
    return Settings(block["ar_trials"], block["seed"], block["equivalence_margin"])
