"""Does a demo-sized training use its second thread? Reruns one finished training job's
fairseq-train command (read from its log) with 1 and with 2 threads, interleaved, into a
temporary directory, and prints wall and CPU seconds of each and their ratios.

The train rule asks for 2 threads; with `snakemake --cores 2` that keeps every other job,
including the other seed's training, off the second core while it trains. If one thread
trains nearly as fast, `--set-threads train=1` lets two trainings run side by side.
Each run is a fresh process (fairseq's start-up included), its epochs fixed by the logged
command (a fine-tune stops on valid loss: use --max-epoch to fix the work when the thread
count could change the stopping epoch).

    .venv/bin/python bench/train_threads.py --log results/demo/logs/train/iter_1.log \
        [--workdir .] [--repeats 3] [--max-epoch 5]
"""

import argparse
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNNING = re.compile(r" running: (\S*/fairseq-train .*)$", re.M)  # ielearn.nmt.commands' log line


def logged_command(log):
    """The fairseq-train command a train job logged, as a list (fairseq's flags take no
    quoted spaces except --adam-betas' '(0.9, 0.98)', rejoined here)."""
    match = RUNNING.search(Path(log).read_text())
    if not match:
        sys.exit(f"{log}: no 'running: .../fairseq-train' line; give the log of a train job")
    parts = match.group(1).split(" ")
    command = []
    for part in parts:
        if command and command[-1].startswith("(") and not command[-1].endswith(")"):
            command[-1] += " " + part
        else:
            command.append(part)
    return command


def with_option(command, flag, value):
    """`command` with `flag` set to `value` (replaced where present, appended otherwise)."""
    if flag in command:
        command = list(command)
        command[command.index(flag) + 1] = str(value)
        return command
    return [*command, flag, str(value)]


def timed_run(command, threads, workdir):
    """(wall, CPU) seconds of `command` with `threads` threads, in a fresh save directory."""
    with tempfile.TemporaryDirectory() as save_dir:
        command = with_option(command, "--save-dir", save_dir)
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=workdir, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", required=True, help="a finished train job's log")
    parser.add_argument("--workdir", type=Path, default=Path("."), help="where the run ran (its results/ parent)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-epoch", type=int, help="fix the number of epochs (and switch off early stopping)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts to compare")
    options = parser.parse_args()
    command = logged_command(options.log)
    if options.max_epoch:
        command = with_option(with_option(command, "--max-epoch", options.max_epoch), "--patience", -1)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{shlex.join(command)}\n")
    times = {threads: [] for threads in options.threads}
    for repeat in range(options.repeats):
        for threads in options.threads if repeat % 2 == 0 else options.threads[::-1]:
            times[threads].append(timed_run(command, threads, options.workdir))
            wall, cpu = times[threads][-1]
            print(f"run {repeat + 1}, {threads} thread(s): {wall:6.1f} s wall, {cpu:6.1f} s CPU", flush=True)
    wall = {threads: statistics.median(w for w, _ in runs) for threads, runs in times.items()}
    cpu = {threads: statistics.median(c for _, c in runs) for threads, runs in times.items()}
    print()
    for threads in options.threads:
        print(f"median {threads} thread(s): {wall[threads]:.1f} s wall, {cpu[threads]:.1f} s CPU")
    if {1, 2} <= set(options.threads):
        print(f"speed-up of the second thread: {wall[1] / wall[2]:.2f}x (wall), CPU cost {cpu[2] / cpu[1]:.2f}x")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
