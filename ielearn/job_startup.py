"""What a workflow job imports before its first line of work, read from the rules and their
adapters (workflow_scripts/). Used by bench/job_overhead.py, which times it, and by the test
that text-only stages import neither torch nor fairseq.

Every `script:` job is a fresh Python process: Snakemake's preamble (unpickling the job's
`snakemake` object) and the adapter's own top-level imports run before the adapter's work.
"""

import ast
import re
from pathlib import Path

# what Snakemake 9's script preamble imports (snakemake/script/__init__.py: pickle.loads of
# the job's `snakemake` object, snakemake.logging, snakemake.iocontainers)
SCRIPT_PREAMBLE = "import pickle, snakemake.logging, snakemake.iocontainers"
# the modules whose import is seconds of start-up (fairseq and transformers import torch)
HEAVY_MODULES = ("torch", "fairseq", "transformers")


def rule_scripts(repo):
    """{rule name: adapter path} of every `script:` rule in `repo`/rules/*.smk."""
    scripts = {}
    for smk in sorted(Path(repo, "rules").glob("*.smk")):
        rule = None
        lines = smk.read_text().splitlines()
        for number, line in enumerate(lines):
            if match := re.match(r"rule (\w+):", line):
                rule = match.group(1)
            elif rule and line.strip() == "script:":
                scripts[rule] = (smk.parent / lines[number + 1].strip().strip('"')).resolve()
    return scripts


def adapter_imports(script):
    """The adapter's top-level import statements, one per line."""
    tree = ast.parse(Path(script).read_text())
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return "\n".join(ast.unparse(node) for node in imports)
