"""An experiment's `significance` config block as the arguments of ielearn.inference's tests."""

# the schema's defaults (`significance` of both halves in schemas/config.schema.yaml), which
# config validation fills in; here for callers without a validated config (tests, recompute)
DEFAULTS = {"bootstrap_samples": 1000, "ar_trials": 1000, "seed": 12345}


def significance_args(settings=None):
    """(bootstrap samples, randomization trials, seed) of a `significance` block; a key it
    lacks takes its default."""
    settings = {**DEFAULTS, **(settings or {})}
    return settings["bootstrap_samples"], settings["ar_trials"], settings["seed"]
