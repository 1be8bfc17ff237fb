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

Without a run (`--plan REPO...`, e.g. a git worktree of an older commit): the fixed cost a
run of --target would pay at each REPO, from a dry run's job counts and each job kind's
start-up timed with that REPO's code; the fairseq tools a job starts are read from the
ielearn modules its adapter imports (each `run_fairseq("fairseq-<tool>"` once per job).
No work column: nothing ran.

    .venv/bin/python bench/job_overhead.py --plan /tmp/before . [--target results/demo/report/sections.txt]
"""

import argparse
import ast
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
TOOL_CALL = re.compile(r'run_fairseq\(\s*"fairseq-(\w+)"')  # the same tool started in the code
JOB_STATS_ROW = re.compile(r"(\w+)\s+(\d+)")  # a row of a dry run's "Job stats" table


def startup_seconds(code, repeats, repo=REPO):
    """Median (wall, CPU) seconds of a fresh interpreter running `code` with `repo`'s ielearn."""
    walls, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=repo,
                       env=dict(os.environ, PYTHONPATH=str(repo)),
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


def planned_jobs(repo, target):
    """{rule: job count} of a dry run of `target` in `repo` (the first "Job stats" table)."""
    snakemake = Path(sys.executable).parent / "snakemake"
    result = subprocess.run([str(snakemake), "-n", "--cores", "2", target], cwd=repo, capture_output=True,
                            text=True, env=dict(os.environ, PYTHONPATH=str(repo)))
    if result.returncode != 0 or "Job stats:" not in result.stdout:
        sys.exit(f"dry run of {target} in {repo} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    counts = {}
    for line in result.stdout.split("Job stats:", 1)[1].splitlines():
        if line.startswith("total"):
            break
        if match := JOB_STATS_ROW.fullmatch(line.strip()):
            counts[match.group(1)] = int(match.group(2))
    return counts


def tools_in_code(repo, script):
    """fairseq tools a job of `script` starts: those the ielearn modules it imports start."""
    tools = set()
    for node in ast.parse(Path(script).read_text()).body:
        names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            module = Path(repo, *name.split(".")).with_suffix(".py")
            if name.startswith("ielearn.") and module.exists():
                tools.update(TOOL_CALL.findall(module.read_text()))
    return sorted(tools)


def plan(repo, target, repeats):
    """Print the fixed cost a run of `target` would pay at `repo`, per rule, without running it."""
    repo = repo.resolve()
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    print(f"\n{repo} (commit {commit or '?'}), dry run of {target}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    counts = planned_jobs(repo, target)
    rules = rule_directives(repo)
    tool_startup = {}
    rows = []
    for rule, count in counts.items():
        script = rules.get(rule, {}).get("script")
        tools = tools_in_code(repo, script) if script else []
        for tool in tools:
            if tool not in tool_startup:
                tool_startup[tool] = startup_seconds(f"import fairseq_cli.{tool}", repeats, repo)
        startup = startup_seconds(f"{SCRIPT_PREAMBLE}\n{adapter_imports(script)}", repeats, repo) \
            if script else (0.0, 0.0)
        fixed = [startup[i] + sum(tool_startup[tool][i] for tool in tools) for i in (0, 1)]  # wall, CPU
        rows.append((rule, count, startup, ",".join(tools) or "-", fixed))
    for tool, (wall, cpu) in sorted(tool_startup.items()):
        print(f"fairseq-{tool} start-up: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"\n{'rule':22} {'jobs':>5} {'start-up s':>11} {'(CPU s)':>8} {'tools':>11} {'fixed s/job':>12} "
          f"{'(CPU s)':>8} {'fixed s':>8} {'(CPU s)':>8}")
    for rule, count, startup, tools, fixed in sorted(rows, key=lambda row: -row[1] * row[4][1]):
        print(f"{rule:22} {count:5d} {startup[0]:11.2f} {startup[1]:8.2f} {tools:>11} {fixed[0]:12.2f} "
              f"{fixed[1]:8.2f} {fixed[0] * count:8.1f} {fixed[1] * count:8.1f}")
    wall_total, cpu_total = (sum(row[1] * row[4][i] for row in rows) for i in (0, 1))
    # on a loaded machine the CPU figure is the one to compare: an idle core's wall time
    print(f"\n{sum(counts.values())} jobs; fixed cost {wall_total / 60:.1f} min wall, {cpu_total / 60:.1f} min CPU")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=REPO / "results/demo")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--plan", type=Path, nargs="+", metavar="REPO",
                        help="estimate from a dry run at each REPO instead of reading a run")
    parser.add_argument("--target", default="results/demo/report/sections.txt", help="the dry run's target (--plan)")
    options = parser.parse_args()
    if options.plan:
        for repo in options.plan:
            plan(repo, options.target, options.repeats)
        return
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
