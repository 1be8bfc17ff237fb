"""The rules' view of this package: every `get_*` function with the config filled in.

rules/common.smk binds once, `wf = bind(config)`, and a rule names a function by its module,
`wf.data.get_corpus_files`, or, where it picks a variant, calls it with keyword arguments:
`lambda wildcards: wf.nmt.get_decode_inputs(wildcards, splits=...)`. A UserError inside
becomes Snakemake's one-line exit (ielearn.errors.exiting).
"""

import functools
import types

from ielearn.errors import exiting
from ielearn.workflow import classify, classify_report, data, halves, nmt, nmt_report, provenance, simulability

MODULES = (data, nmt, nmt_report, classify, classify_report, simulability, halves, provenance)


def functions(module):
    """{name: function} of the `get_*` functions `module` defines (not those it imports)."""
    return {
        name: function
        for name, function in vars(module).items()
        if name.startswith("get_") and callable(function) and function.__module__ == module.__name__
    }


def bound(function, config):
    """`function` with `config` given (by keyword: its other arguments follow by keyword too).
    A partial, not a closure over *args and **kwargs: Snakemake passes a function that takes
    **kwargs every one of its own arguments (input, output, threads, ...)."""
    with_config = functools.partial(function, config=config)
    functools.update_wrapper(with_config, function)
    return exiting(with_config)


def bind(config):
    """{module's short name: namespace of its `get_*` functions, each taking the wildcards
    (and its own keyword arguments) with `config` filled in}, as a namespace."""
    return types.SimpleNamespace(**{
        module.__name__.rsplit(".", 1)[1]: types.SimpleNamespace(
            **{name: bound(f, config) for name, f in functions(module).items()}
        )
        for module in MODULES
    })
