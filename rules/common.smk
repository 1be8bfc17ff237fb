# Config validation, the wildcards of the results layout (ielearn/layout.py, docs/layout.md)
# and `wf`, the rules' input functions and params builders (ielearn/workflow/): every rule
# names one, `wf.<module>.get_<what>`, which takes the job's wildcards, the config bound in.

import sys

from ielearn.config import validate_config
from ielearn.errors import UserError
from ielearn.layout import SEED_DIR, SYSTEM_DIR
from ielearn.output_folders import check_output_folders, output_folders
from ielearn.workflow.bind import bind
from ielearn.workflow.patterns import (
    APPENDER_DIRS,
    CANDIDATE,
    DRAWN_MAP_DIRS,
    EVAL_SPLITS,
    EXTRACTOR_DIRS,
    LEARNER_DIRS,
    RANDOM_DIRS,
    SIDES,
    SPLITS,
    names_pattern,
)

try:
    config.update(validate_config(config))
    # a file named like an output folder: one line, not Snakemake's NotADirectoryError (the
    # targets are not known to the Snakefile yet: the command line's words stand in for them)
    check_output_folders(output_folders(config, sys.argv[1:]))
except UserError as error:
    sys.exit(f"ielearn: {error}")

wf = bind(config)

# Used with `--sdm conda`; by default jobs run in the environment snakemake runs in.
CONDA_ENV = "../envs/ielearn.yaml"


# Every model lives at results/{exp}/{seed_dir}{system_dir}iter_{k}/ (ielearn/layout.py).
wildcard_constraints:
    exp=r"[^/]+",
    seed_dir=SEED_DIR,
    system_dir=SYSTEM_DIR,
    k=r"\d+",
    split="train|valid|test|pool",  # pool: classification's unused examples (simulability)
    side="src|tgt",
    sweep=rf"({CANDIDATE})?",
    shard=r"\d+",
