"""Make this checkout of ielearn importable by the workflow's jobs in any environment."""

import os


def export_to_jobs(root):
    """Put `root` first on PYTHONPATH, which every job inherits: local jobs, jobs in a
    `--sdm conda` environment (which holds the dependencies, not ielearn) and SLURM jobs."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
