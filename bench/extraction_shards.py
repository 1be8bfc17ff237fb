"""Does classification extraction scale over shards? One shard in one process against N shards
in N processes side by side (one torch thread each), as Snakemake runs `shards: N`.

    .venv/bin/python bench/extraction_shards.py [--shards 2] [--examples 200] [--explainer lime]
        [--model results/trec/baseline/model]

Each process is `extract_shard` on the first --examples TREC training questions at the
`trec` experiment's settings, timed from process start (imports and model loading included,
as a job pays them) to exit. Printed: the wall time of each layout, the speed-up of N shards
over one, and its efficiency (speed-up / N; the goal is ≥ 0.8), with the machine's load
average before and after. The gathered words must equal the one-shard words.
"""

import argparse
import os
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
from ielearn.classify.config import classification_settings, replicate_settings
from ielearn.classify.extract import extract_shard
from ielearn.classify.model import set_threads
from ielearn.classify.tasks import TREC
from ielearn.config import load_config
set_threads(1)
experiment = classification_settings(load_config({config!r}), "trec")
settings = {{**experiment["train"], "seed": experiment["seed"], "batch_size": experiment["batch_size"],
            "lime": experiment["lime"], "shap": experiment["shap"]}}
extract_shard({model!r}, {examples!r}, TREC, {explainer!r}, settings, {shard}, {shards}, {out!r})
"""


def run_layout(shards, model, examples, explainer, workdir):
    """Wall seconds of `shards` processes side by side, and their gathered words."""
    outs = [Path(workdir) / f"{shards}_{i}.txt" for i in range(shards)]
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", SHARD_JOB.format(
        repo=str(REPO), config=str(REPO / "config.yaml"), model=model, examples=str(examples),
        explainer=explainer, shard=i, shards=shards, out=str(out))],
        env=dict(os.environ, OMP_NUM_THREADS="1"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for i, out in enumerate(outs)]
    for process in processes:
        _, err = process.communicate()
        if process.returncode:
            raise SystemExit(err.decode()[-2000:])
    seconds = time.perf_counter() - start
    return seconds, [line for out in outs for line in out.read_text().splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--explainer", default="lime", choices=["attention", "lime", "shap"])
    parser.add_argument("--model", default=str(REPO / "results/trec/baseline/model"))
    args = parser.parse_args()
    from ielearn.classify.datasets.prepare import dataset_splits
    from ielearn.classify.examples import write_examples
    from ielearn.config import load_config

    config = load_config(REPO / "config.yaml")
    train = dataset_splits(config["classification"]["datasets"]["trec"])["train"][:args.examples]
    with tempfile.TemporaryDirectory() as workdir:
        examples = Path(workdir) / "train.tsv"
        write_examples(examples, train)
        before = os.getloadavg()[0]
        one, words_one = run_layout(1, args.model, examples, args.explainer, workdir)
        many, words_many = run_layout(args.shards, args.model, examples, args.explainer, workdir)
        after = os.getloadavg()[0]
    speedup = one / many
    print(f"{args.explainer} words of {len(train)} TREC training questions, {os.cpu_count()} cores, "
          f"load average {before:.2f} before, {after:.2f} after")
    print(f"1 shard: {one:.1f} s; {args.shards} shards side by side: {many:.1f} s; speed-up {speedup:.2f}x, "
          f"efficiency {speedup / args.shards:.2f} (goal >= 0.8); same words: {words_one == words_many}")


if __name__ == "__main__":
    main()
