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


def rule_directives(repo):
    """{rule name: {"script": adapter path, "benchmark": path pattern}} of the rules in
    `repo`/rules/*.smk that have them; `use rule A as B with:` gives B A's, then its own."""
    rules = {}
    for smk in sorted(Path(repo, "rules").glob("*.smk")):
        rule = None
        lines = smk.read_text().splitlines()
        for number, line in enumerate(lines):
            if match := re.match(r"rule (\w+):", line):
                rule = rules.setdefault(match.group(1), {})
            elif match := re.match(r"use rule (\w+) as (\w+) with:", line):
                rule = rules.setdefault(match.group(2), dict(rules[match.group(1)]))
            elif rule is not None and line.strip() in ("script:", "benchmark:"):
                value = lines[number + 1].strip().strip('"')
                if line.strip() == "script:":
                    value = (smk.parent / value).resolve()
                rule[line.strip().rstrip(":")] = value
    return rules


def rule_scripts(repo):
    """{rule name: adapter path} of every `script:` rule."""
    return {name: rule["script"] for name, rule in rule_directives(repo).items() if "script" in rule}


def adapter_imports(script):
    """The adapter's top-level import statements, one per line."""
    tree = ast.parse(Path(script).read_text())
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return "\n".join(ast.unparse(node) for node in imports)
