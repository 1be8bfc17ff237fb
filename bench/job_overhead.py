"""Where a workflow run's time goes: per rule, the number of jobs, the fixed cost of one job
(process start to its first line of real work) and the work itself.

Inputs: one finished run's Snakemake benchmark files (every rule declares `benchmark:`), its
job logs, and a timed start-up of each job kind measured here:
- start-up: a fresh Python process doing what every `script:` job does before its work,
  Snakemake's script preamble and the adapter's own `import` lines (ielearn.job_startup);
- tool start-ups: a job that starts fairseq's command-line tools (its log says `running:
  .../fairseq-<tool>`) pays each tool's own start-up, the import of its fairseq_cli module.
The median of --repeats runs each, wall time (and CPU time beside it: the start-up a job
would pay on an idle core when the machine is loaded). A job's work is its benchmark's wall
seconds minus its fixed cost. Snakemake's own scheduling between jobs is in neither figure,
and jobs' CPU time is taken as their wall time (Snakemake samples CPU time once per 30 s).

    .venv/bin/python bench/job_overhead.py [--results results/demo] [--repeats 3]
"""

import argparse
import collections
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ielearn.job_startup import SCRIPT_PREAMBLE, adapter_imports, rule_directives  # noqa: E402

TOOL = re.compile(r" running: \S*/fairseq-(\w+) ")  # ielearn.nmt.commands.run_fairseq's log line


def startup_seconds(code, repeats):
    """Median (wall, CPU) seconds of a fresh interpreter running `code`."""
    walls, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def benchmark_patterns(rules):
    """[(rule, regex of its benchmark paths)], the most literal pattern first, then the one
    with fewer wildcards (decode's `iter_{k}` before decode_candidate's `{sweep}iter_{k}`,
    whose regex would also take decode's files): a benchmark file belongs to the first rule
    whose pattern matches its path."""
    patterns = []
    for name, rule in rules.items():
        if "benchmark" in rule:
            literals = re.split(r"\{\w+\}", rule["benchmark"])
            regex = re.compile("(?:.*/)?" + ".*".join(map(re.escape, literals)))
            patterns.append((sum(map(len, literals)), -len(literals), name, regex))
    return [(name, regex) for _, _, name, regex in sorted(patterns, reverse=True)]


def tools_started(benchmark):
    """fairseq tools the job started, from its log (the benchmark's path under logs/)."""
    log = Path(str(benchmark).replace("/benchmarks/", "/logs/")).with_suffix(".log")
    return TOOL.findall(log.read_text(errors="replace")) if log.exists() else []


def read_jobs(results, patterns):
    """{rule: [(wall seconds, [tools started])]} of every benchmarked job under `results`."""
    jobs = collections.defaultdict(list)
    for benchmark in sorted(results.rglob("benchmarks/**/*.tsv")):
        with open(benchmark, newline="") as handle:
            row = next(csv.DictReader(handle, delimiter="\t"))
        rule = next((name for name, regex in patterns if regex.fullmatch(str(benchmark))), "(no rule)")
        jobs[rule].append((float(row["s"]), tools_started(benchmark)))
    return jobs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=REPO / "results/demo")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    rules = rule_directives(REPO)
    jobs = read_jobs(options.results.resolve(), benchmark_patterns(rules))
    if not jobs:
        sys.exit(f"no benchmark files under {options.results}: run the experiment first")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    bare = startup_seconds(SCRIPT_PREAMBLE, options.repeats)
    print(f"bare interpreter + script preamble: {bare[0]:.2f} s wall, {bare[1]:.2f} s CPU")
    tools = {tool for rule_jobs in jobs.values() for _, started in rule_jobs for tool in started}
    tool_startup = {tool: startup_seconds(f"import fairseq_cli.{tool}", options.repeats) for tool in tools}
    for tool, (wall, cpu) in sorted(tool_startup.items()):
        print(f"fairseq-{tool} start-up: {wall:.2f} s wall, {cpu:.2f} s CPU")
    rows = []
    for rule, rule_jobs in jobs.items():
        script = rules.get(rule, {}).get("script")
        startup = startup_seconds(f"{SCRIPT_PREAMBLE}\n{adapter_imports(script)}", options.repeats) \
            if script else (0.0, 0.0)
        fixed = [min(wall, startup[0] + sum(tool_startup[tool][0] for tool in started))
                 for wall, started in rule_jobs]  # a job cannot start up for longer than it ran
        walls = [wall for wall, _ in rule_jobs]
        work = sum(walls) - sum(fixed)
        rows.append((rule, len(walls), startup, statistics.fmean(fixed), work / len(walls), sum(walls)))
    print(f"\n{'rule':22} {'jobs':>5} {'start-up s':>11} {'(CPU s)':>8} {'fixed s/job':>12} "
          f"{'work s/job':>11} {'total s':>9} {'fixed share':>12}")
    for rule, count, startup, fixed, work, total in sorted(rows, key=lambda row: -row[5]):
        print(f"{rule:22} {count:5d} {startup[0]:11.2f} {startup[1]:8.2f} {fixed:12.2f} {work:11.2f} "
              f"{total:9.1f} {fixed * count / total:12.0%}")
    fixed_total = sum(row[1] * row[3] for row in rows)
    wall_total = sum(row[5] for row in rows)
    print(f"\n{sum(row[1] for row in rows)} jobs, {wall_total / 60:.1f} job-minutes; fixed cost "
          f"{fixed_total / 60:.1f} min = {fixed_total / wall_total:.0%} of the jobs' time")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
