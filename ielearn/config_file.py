"""Reading config.yaml strictly: YAML errors with line and column, duplicate keys refused.

PyYAML (and so Snakemake's `configfile:`) keeps the last of two equal keys without a word,
so a second `demo:` experiment would silently replace the first; and Snakemake reports a
YAML syntax error without saying where. The Snakefile reads config.yaml through this module
first, so both are one clear message.
"""

import yaml

from ielearn.errors import UserError


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping with two equal keys."""


def _mapping(loader, node):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            mark = key_node.start_mark
            raise UserError(
                f"line {mark.line + 1}, column {mark.column + 1}: duplicate key '{key}' "
                f"(first at line {seen[key] + 1}); YAML would keep only the last one, so "
                "rename or remove one of them"
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _where(error):
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return ""
    return f" at line {mark.line + 1}, column {mark.column + 1}"


def read_config_file(path):
    """The YAML mapping in `path` ({} when empty); UserError naming the file, line and column."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader) or {}
    except FileNotFoundError:
        raise UserError(f"config file not found: {path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a directory; give the path of a YAML config file") from None
    except UserError as error:
        raise UserError(f"{path}: {error}") from None
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error)
        raise UserError(f"{path}: not valid YAML{_where(error)}: {problem} (a common cause: "
                        "tabs, or a key indented unlike its siblings)") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; save it as UTF-8") from None
