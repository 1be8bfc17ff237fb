"""Where a workflow run's time goes: per rule, the number of jobs, the fixed cost of one job
(process start to its first line of real work) and the work itself.

Inputs: one finished run's Snakemake benchmark files (every rule declares `benchmark:`), and
a timed start-up of each job kind measured here. A job's fixed cost is the wall time of a
fresh Python process doing what every `script:` job does before its work: the imports of
Snakemake's script preamble and the adapter's own `import` lines (the median of --repeats
runs). Its work is the benchmark's wall seconds minus that. Snakemake's own scheduling
between jobs is not in either figure.

    .venv/bin/python bench/job_overhead.py [--results results/demo] [--repeats 3]
"""

import argparse
import collections
import csv
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PREAMBLE = "import pickle, snakemake.logging, snakemake.iocontainers"  # what every script job runs first
RUN_PARTS = re.compile(r"seed_\d+|control_\w+|noise_\d+")


def rule_scripts():
    """{rule name: adapter path} from rules/*.smk."""
    scripts = {}
    for smk in sorted((REPO / "rules").glob("*.smk")):
        rule = None
        lines = smk.read_text().splitlines()
        for number, line in enumerate(lines):
            if match := re.match(r"rule (\w+):", line):
                rule = match.group(1)
            elif rule and line.strip() == "script:":
                scripts[rule] = REPO / "rules" / lines[number + 1].strip().strip('"')
    return scripts


def adapter_imports(script):
    """The adapter's top-level import lines, as one statement string."""
    lines = script.resolve().read_text().splitlines()
    return "; ".join(line for line in lines if line.startswith(("import ", "from ")))


def startup_seconds(imports, repeats):
    """Median wall time of a fresh interpreter running the preamble and `imports`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"{PREAMBLE}; {imports}"], check=True, cwd=REPO,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rule_of(benchmark, results):
    """The rule a benchmark file belongs to: the first part of its path after `benchmarks/`
    that names no replicate, control or noise run."""
    parts = benchmark.relative_to(results).parts
    after = parts[len(parts) - 1 - parts[::-1].index("benchmarks") + 1:]
    kept = [part for part in after if not RUN_PARTS.fullmatch(part)]
    return kept[0].removesuffix(".tsv")


def job_seconds(results):
    """{rule: [wall seconds of each job]} from every benchmark file under `results`."""
    seconds = collections.defaultdict(list)
    for benchmark in sorted(results.rglob("benchmarks/**/*.tsv")):
        with open(benchmark, newline="") as handle:
            row = next(csv.DictReader(handle, delimiter="\t"))
        seconds[rule_of(benchmark, results)].append(float(row["s"]))
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=REPO / "results/demo")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    seconds = job_seconds(options.results.resolve())
    if not seconds:
        sys.exit(f"no benchmark files under {options.results}: run the experiment first")
    scripts = rule_scripts()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    baseline = startup_seconds("pass", options.repeats)
    print(f"bare interpreter + script preamble: {baseline:.2f} s")
    rows, fixed_total, wall_total = [], 0.0, 0.0
    for rule, walls in sorted(seconds.items()):
        fixed = startup_seconds(adapter_imports(scripts[rule]), options.repeats) if rule in scripts else 0.0
        work = sum(max(0.0, wall - fixed) for wall in walls)
        fixed_total += fixed * len(walls)
        wall_total += sum(walls)
        rows.append((rule, len(walls), fixed, work / len(walls), sum(walls)))
    print(f"\n{'rule':24} {'jobs':>5} {'fixed s/job':>12} {'work s/job':>11} {'total s':>9} {'fixed share':>12}")
    for rule, jobs, fixed, work, total in sorted(rows, key=lambda row: -row[4]):
        print(f"{rule:24} {jobs:5d} {fixed:12.2f} {work:11.2f} {total:9.1f} {min(1.0, fixed * jobs / total):12.0%}")
    print(f"\n{sum(len(w) for w in seconds.values())} jobs, {wall_total / 60:.1f} job-minutes; fixed cost "
          f"{fixed_total / 60:.1f} min = {fixed_total / wall_total:.0%} of the jobs' time")


if __name__ == "__main__":
    main()
