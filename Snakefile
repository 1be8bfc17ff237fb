# ielearn: train, ask the model what it attended to, append it, fine-tune, bootstrap.
# Targets: results/<experiment>/bootstrap_<k>.bleu (k = 0 is the baseline) and
# results/<experiment>/summary.tsv; results/<experiment>/report/sections.txt feeds
# `snakemake --report`. See README.md.

import os

from snakemake.utils import min_version

min_version("9.0")

# Jobs import ielearn from this checkout in whatever environment they run (`--sdm conda`
# included: envs/ielearn.yaml holds the dependencies, not the project itself).
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [workflow.basedir, os.environ.get("PYTHONPATH")])
)


configfile: "config.yaml"


report: "captions/workflow.rst"


include: "rules/common.smk"
include: "rules/data.smk"
include: "rules/preprocess.smk"
include: "rules/nmt.smk"
include: "rules/report.smk"
include: "rules/classify_helpers.smk"
include: "rules/classify.smk"


rule all:
    default_target: True
    input:
        expand("results/{exp}/summary.tsv", exp=config["experiments"]),
