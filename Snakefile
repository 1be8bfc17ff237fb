# ielearn: train, ask the model what it attended to, append it, fine-tune, bootstrap.
# Targets: results/<experiment>/bootstrap_<k>.bleu (k = 0 is the baseline) and
# results/<experiment>/summary.tsv (translation), results/<experiment>/classification.tsv
# (classification); results/<experiment>/report/sections.txt feeds `snakemake --report`;
# `rule all` builds every experiment of both halves. Paths: docs/layout.md. See README.md.

import os
import sys

from snakemake.utils import min_version

min_version("9.0")

# The workflow and its jobs import ielearn from this checkout, in whatever environment they
# run (`--sdm conda` included: envs/ielearn.yaml holds the dependencies, not the project).
sys.path.insert(0, workflow.basedir)

from ielearn.checkout import export_to_jobs
from ielearn.config_file import read_config_file
from ielearn.errors import exiting
from ielearn.workflow.halves import all_targets

export_to_jobs(workflow.basedir)

# Snakemake's own reading keeps the last of two equal keys and gives no line for a YAML error
if os.path.exists("config.yaml"):
    exiting(read_config_file)("config.yaml")


configfile: "config.yaml"


report: "captions/workflow.rst"


include: "rules/common.smk"
include: "rules/data.smk"
include: "rules/preprocess.smk"
include: "rules/nmt.smk"
include: "rules/report.smk"
include: "rules/classify.smk"
include: "rules/classify_report.smk"
include: "rules/classify_simulability.smk"
include: "rules/provenance.smk"


rule all:
    default_target: True
    input:
        all_targets(config),
