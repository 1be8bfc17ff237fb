"""Registers tests/toy_explainer.py and tests/toy_method.py, and lets the schema name them as
docs/extending.md's edits would (the schema file itself stays as it is). Imports nothing of
ielearn but the registry before registering: the layout's patterns read it when imported."""

import toy_explainer
import toy_method
from ielearn import systems

TOYS = (toy_explainer.ENTRY, toy_method.ENTRY)


def register_toys():
    """Register both toys; returns a function that takes them back out."""
    for entry in TOYS:
        systems.register(entry)
    from ielearn import config  # noqa: PLC0415 (after the registry holds the toys)

    read_schema = config.load_schema

    def schema_with_toys():
        schema = read_schema()
        experiment = schema["$defs"]["cls_experiment"]["properties"]
        experiment["explainers"]["items"]["enum"].append(toy_explainer.ENTRY.name)
        experiment[toy_method.ENTRY.settings] = toy_method.SCHEMA
        return schema
    config.load_schema = schema_with_toys

    def unregister_toys():
        config.load_schema = read_schema
        for entry in TOYS:
            systems.unregister(entry.name)
    return unregister_toys
