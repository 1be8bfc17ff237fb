"""Reading config.yaml strictly: YAML errors with line and column, duplicate keys refused.

PyYAML (and so Snakemake's `configfile:`) keeps the last of two equal keys without a word,
so a second `demo:` experiment would silently replace the first; and Snakemake reports a
YAML syntax error without saying where (PyYAML's own line is often the one after the mistake:
_where picks the right one). The Snakefile reads config.yaml through this module
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


# PyYAML marks the token where it gave up (problem_mark) and the start of the construct it
# was reading (context_mark). A bracket, brace or quote left open, or a key without its
# colon, is noticed only at a later token, often the next line: for those the mistake is at
# the construct's start. Elsewhere (a bad indent, a tab) it is where PyYAML gave up.
LEFT_OPEN = ("flow sequence", "flow mapping", "quoted scalar", "simple key")
INDENT_HINT = " (a common cause: tabs, or a key indented unlike its siblings)"


def _at(mark):
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _where(error):
    """(' at line L, column C', what went wrong and a likely cause) of a YAMLError, the line
    the mistake's."""
    problem = getattr(error, "problem", None) or str(error)
    mark, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    if mark is None:
        return "", problem + INDENT_HINT
    what = getattr(error, "context", None) or ""
    if context is not None and any(kind in what for kind in LEFT_OPEN) and context.line < mark.line:
        return f" at {_at(context)}", (f"{what.removeprefix('while ')} that starts there, {problem} "
                                       f"at {_at(mark)} (a closing bracket, quote or colon missing?)")
    return f" at {_at(mark)}", problem + INDENT_HINT


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
        where, problem = _where(error)
        raise UserError(f"{path}: not valid YAML{where}: {problem}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; save it as UTF-8") from None
