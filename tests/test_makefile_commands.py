"""The Snakemake command `make demo` / `make report` runs is a valid command line: a dry run
of the Makefile's own recipe line (an option that takes several values, like --set-threads,
swallows a target written after it; it once did)."""

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def report_recipe():
    text = (REPO / "Makefile").read_text()
    recipe = re.search(r"^report:.*\n((?:\t.*\n)+)", text, re.MULTILINE).group(1)
    return [line.strip() for line in recipe.splitlines() if line.strip().startswith("$(BIN)/snakemake --cores")]


def test_the_report_target_plans_the_demo_and_builds_the_report_sections():
    [line] = report_recipe()
    command = line.replace("$(BIN)", str(BIN)).replace("$(EXP)", "demo").split() + ["-n"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "rule report_sections" in result.stdout
    assert "wildcards: exp=demo" in result.stdout
