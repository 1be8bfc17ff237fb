"""The `significance` block's defaults: one place in code, equal to the schema's."""

from ielearn.config import load_schema
from ielearn.inference.settings import DEFAULTS, Settings, significance_settings


def significance_blocks(node):
    """Every `significance` object the schema defines (translation's and classification's)."""
    if isinstance(node, dict):
        if isinstance(node.get("significance"), dict) and "properties" in node["significance"]:
            yield node["significance"]
        for value in node.values():
            yield from significance_blocks(value)
    elif isinstance(node, list):
        for value in node:
            yield from significance_blocks(value)


def test_the_defaults_are_the_schemas_of_both_halves():
    blocks = list(significance_blocks(load_schema()))
    assert len(blocks) == 2
    for block in blocks:
        assert {key: spec["default"] for key, spec in block["properties"].items()} == DEFAULTS


def test_a_key_the_block_lacks_takes_its_default():
    assert significance_settings(None) == Settings(1000, 12345, 1.0)
    assert significance_settings({"ar_trials": 19}) == Settings(19, 12345, 1.0)
    assert significance_settings({"equivalence_margin": 0.5, "ar_trials": 7, "seed": 3}) == Settings(7, 3, 0.5)
