"""A test hook, not part of ielearn: tests/conftest.py's run_snakemake puts this directory on
the workflow's PYTHONPATH and names a directory in IELEARN_JOB_MODULES. Python imports
sitecustomize at start-up, so every `script:` job of the run then writes, as it exits, its
rule and which of the heavy modules (torch, fairseq, transformers) it had imported by then:
what the job really imported, lazy imports inside library functions included."""

import atexit
import json
import os
import sys
import tempfile


def _record(directory):
    job = getattr(sys.modules.get("__main__"), "snakemake", None)
    rule = getattr(job, "rule", None)
    if not isinstance(rule, str):  # not a script job: snakemake itself, fairseq-train, ...
        return
    from ielearn.job_startup import HEAVY_MODULES  # here: light, and only in script jobs

    heavy = sorted(set(HEAVY_MODULES) & set(sys.modules))
    handle, _ = tempfile.mkstemp(suffix=".json", dir=directory)
    with open(handle, "w", encoding="utf-8") as record:
        json.dump({"rule": rule, "heavy": heavy}, record)


if os.environ.get("IELEARN_JOB_MODULES"):
    atexit.register(_record, os.environ["IELEARN_JOB_MODULES"])
