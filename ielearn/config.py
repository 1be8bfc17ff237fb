"""config.yaml: validation against schemas/config.schema.yaml, defaults, and look-ups.

Every problem is reported as one UserError naming the key, e.g.
`config.yaml: experiments.demo.train.dropout: 'high' is not of type 'number'`.
"""

from pathlib import Path

import jsonschema
import yaml

from ielearn.classify.config import check_classification
from ielearn.config_file import read_config_file
from ielearn.design import classification_design, translation_design
from ielearn.errors import UserError
from ielearn.nmt.config import check_translation

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "config.schema.yaml"


def _fill_defaults(validator_class):
    """A validator that writes each property's `default` into the instance as it validates."""
    validate_properties = validator_class.VALIDATORS["properties"]

    def set_defaults(validator, properties, instance, schema):
        if isinstance(instance, dict):
            for name, subschema in properties.items():
                if isinstance(subschema, dict) and "default" in subschema:
                    instance.setdefault(name, _copy(subschema["default"]))
        yield from validate_properties(validator, properties, instance, schema)

    return jsonschema.validators.extend(validator_class, {"properties": set_defaults})


def _copy(value):
    return yaml.safe_load(yaml.safe_dump(value))


def _key_path(error):
    return ".".join(str(part) for part in error.absolute_path) or "(top level)"


def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def validate_config(config, source="config.yaml"):
    """Validate `config` in place (filling defaults) and return it; raise UserError if invalid."""
    config = _copy(config)
    validator = _fill_defaults(jsonschema.Draft202012Validator)(load_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(config))
    if error is not None:
        raise UserError(f"{source}: {_key_path(error)}: {error.message}")
    check_translation(config, source)
    config = check_classification(config, source)
    _check_primary_families(config, source)
    return config


def _check_primary_families(config, source):
    """Each experiment's declared primary comparisons are comparisons its design makes."""
    sections = [("experiments", translation_design, config["experiments"]),
                ("classification.experiments", classification_design,
                 (config.get("classification") or {}).get("experiments", {}))]
    for prefix, design_of, experiments in sections:
        for name, experiment in experiments.items():
            try:
                design_of(experiment)
            except UserError as error:
                raise UserError(f"{source}: {prefix}.{name}.{error}") from None


def load_config(path):
    """Read (strictly: config_file.py) and validate a YAML config file."""
    return validate_config(read_config_file(path), source=str(path))


def experiment_settings(config, name):
    """The validated settings of experiment `name`; a clear error for an unknown name."""
    if name not in config["experiments"]:
        known = ", ".join(sorted(config["experiments"]))
        raise UserError(
            f"unknown experiment '{name}': config.yaml defines {known} "
            "(targets look like results/<experiment>/bootstrap_<k>.bleu)"
        )
    return config["experiments"][name]


def dataset_settings(config, experiment_name):
    return config["datasets"][experiment_settings(config, experiment_name)["dataset"]]
