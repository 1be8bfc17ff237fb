"""Does classification extraction scale over shards? One shard in one process against N shards
in N processes side by side (one torch thread each), as Snakemake runs `shards: N`.

    .venv/bin/python bench/extraction_shards.py [--shards 2] [--examples 200] [--explainer lime]
        [--model results/trec/iter_0/model]

Each process is `extract_shard` on the first --examples TREC training questions at the
`trec` experiment's settings, timed from process start (imports and model loading included,
as a job pays them) to exit. Printed: the wall time of each layout, the speed-up of N shards
over one, and its efficiency (speed-up / N; the goal is ≥ 0.8), with the machine's load
average before and after. The wall ratio means something only on N otherwise idle cores;
the CPU seconds of each layout (all its processes) are printed beside it: N × (one shard's
CPU) / (N shards' CPU) is the speed-up N free cores would give, whatever the load (what
sharding costs: every process imports, loads the model and warms up). The gathered words
must equal the one-shard words.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SHARD_JOB = """
import sys
sys.path.insert(0, {repo!r})
from ielearn.classify.extract import extract_shard
from ielearn.classify.model import set_threads
from ielearn.classify.tasks import TREC
set_threads(1)
extract_shard({model!r}, {examples!r}, TREC, {explainer!r}, {settings!r}, {shard}, {shards}, {out!r})
"""


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def shard_settings(config):
    """extract_shard's settings for the `trec` experiment, read once so every process gets the same."""
    from ielearn.classify.config import classification_settings

    experiment = classification_settings(config, "trec")
    return {**experiment["train"], "seed": experiment["seed"], "batch_size": experiment["batch_size"],
            "lime": experiment["lime"], "shap": experiment["shap"]}


def run_layout(shards, model, examples, explainer, settings, workdir):
    """(wall seconds, CPU seconds) of `shards` processes side by side, and their gathered words."""
    outs = [Path(workdir) / f"{shards}_{i}.txt" for i in range(shards)]
    cpu = children_cpu_seconds()
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", SHARD_JOB.format(
        repo=str(REPO), model=model, examples=str(examples), explainer=explainer, settings=settings, shard=i,
        shards=shards, out=str(out))],
        env=dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for i, out in enumerate(outs)]
    for process in processes:
        _, err = process.communicate()
        if process.returncode:
            raise SystemExit(err.decode()[-2000:])
    seconds = time.perf_counter() - start
    return seconds, children_cpu_seconds() - cpu, [line for out in outs for line in out.read_text().splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--explainer", default="lime", choices=["attention", "lime", "shap"])
    parser.add_argument("--model", default=str(REPO / "results/trec/iter_0/model"))
    parser.add_argument("--repeats", type=int, default=1, help="alternate the layouts this many times")
    args = parser.parse_args()
    from ielearn.classify.datasets.prepare import dataset_splits
    from ielearn.classify.examples import write_examples
    from ielearn.config import load_config

    config = load_config(REPO / "config.yaml")
    train = dataset_splits(config["classification"]["datasets"]["trec"])["train"][:args.examples]
    settings = shard_settings(config)
    with tempfile.TemporaryDirectory() as workdir:
        examples = Path(workdir) / "train.tsv"
        write_examples(examples, train)
        print(f"{args.explainer} words of {len(train)} TREC training questions, {os.cpu_count()} cores, "
              f"one torch thread per process; settings {settings.get(args.explainer, '')}", flush=True)
        for _ in range(args.repeats):
            before = os.getloadavg()
            one, one_cpu, words_one = run_layout(1, args.model, examples, args.explainer, settings, workdir)
            many, many_cpu, words_many = run_layout(args.shards, args.model, examples, args.explainer, settings,
                                                       workdir)
            after = os.getloadavg()
            speedup = one / many
            print(f"load average (1, 5, 15 min) {before[0]:.2f} {before[1]:.2f} {before[2]:.2f} before, "
                  f"{after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after")
            print(f"  1 shard: {one:.1f} s wall, {one_cpu:.1f} s CPU; {args.shards} shards side by side: "
                  f"{many:.1f} s wall, {many_cpu:.1f} s CPU; same words: {words_one == words_many}")
            print(f"  wall speed-up {speedup:.2f}x, efficiency {speedup / args.shards:.2f} (goal >= 0.8; "
                  f"meaningful on idle cores only); CPU-bound speed-up {args.shards * one_cpu / many_cpu:.2f}x, "
                  f"efficiency {one_cpu / many_cpu:.2f}", flush=True)


if __name__ == "__main__":
    main()
