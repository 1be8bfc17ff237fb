"""The rules layer's Python: what rules/*.smk ask for a job, as plain functions.

Every function a rule calls is named `get_*` and takes the job's wildcards and the validated
config (and, where a rule needs a variant of it, keyword arguments): no module-level state,
no Snakemake import. `bind(config)` (bind.py) gives the rules those functions with the config
filled in; the tests call them directly with a config and hand-made wildcards.
"""
