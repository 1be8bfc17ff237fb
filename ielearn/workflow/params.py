"""Rule params in one canonical form.

Snakemake stores a job's params as the repr() of each value and reruns the job when one
changes; a dict's repr follows its insertion order, so the same settings read from a config
whose keys were written in another order would rerun every job. Every params builder of this
package is decorated with `rule_params`: its value's dicts are rebuilt in sorted key order,
recursively, whichever order config.yaml wrote them in.
"""

import functools


def canonical(value):
    """`value` with every dict (at any depth, inside lists and tuples too) in sorted key order."""
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return type(value)(canonical(item) for item in value)
    return value


def rule_params(function):
    """A params builder: its value in canonical order."""

    @functools.wraps(function)
    def builder(*args, **kwargs):
        return canonical(function(*args, **kwargs))

    builder.rule_params = True
    return builder
