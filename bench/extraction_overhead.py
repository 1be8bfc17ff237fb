"""Extraction cost versus plain decoding, measured in one run on the demo data.

Ratio = time of ielearn's extraction (beam search + alignment + writing hypotheses,
positions and words) / time of plain `fairseq-generate` (no alignment) on the same model,
data split and beam. Both run as fresh processes (model loading included), interleaved,
`--repeats` times each; medians are compared. Goal: <= 1.15.

    .venv/bin/python bench/extraction_overhead.py [--experiment demo] [--split train]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ielearn.config import load_config  # noqa: E402
from ielearn.nmt.commands import PLUGIN_DIR, fairseq_tool  # noqa: E402


def timed(command, stdout=subprocess.DEVNULL):
    # one torch thread for both sides, as the decode rule runs with threads: 1
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--experiment", default="demo")
    parser.add_argument("--split", default="train")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()

    results = REPO / "results" / options.experiment / "iter_0"
    model = results / "model" / "best.pt"
    if not (model.exists() and (results / "bin").exists()):  # train the demo baseline first
        snakemake = str(Path(sys.executable).parent / "snakemake")
        subprocess.run([snakemake, "--cores", "2", str(model.relative_to(REPO)),
                        str((results / "bin").relative_to(REPO))], cwd=REPO, check=True)
    generate = load_config(REPO / "config.yaml")["experiments"][options.experiment]["generate"]
    common = ["--beam", str(generate["beam"]), "--max-tokens", str(generate["max_tokens"]),
              "--max-len-a", str(generate["max_len_a"]), "--max-len-b", str(generate["max_len_b"])]
    plain = [fairseq_tool("fairseq-generate"), str(results / "bin"), "--path", str(model),
             "--user-dir", PLUGIN_DIR, "--task", "translation", "-s", "src", "-t", "tgt",
             "--gen-subset", options.split, "--required-batch-size-multiple", "1", *common]
    source = REPO / "results" / options.experiment / "data" / "bpe" / f"{options.split}.src"
    out = Path(tempfile.mkdtemp())
    extraction = [sys.executable, "-c", (
        "from ielearn.nmt.decode import decode_splits\n"
        f"decode_splits({str(results / 'bin')!r}, {str(model)!r}, {{{options.split!r}: {{"
        f"'input_path': {str(source)!r}, 'source_path': {str(source)!r}, 'out_paths': "
        f"{{'hyp': {str(out / 'hyp')!r}, 'pos': {str(out / 'pos')!r}, 'words': {str(out / 'words')!r}}}}}}}, "
        f"beam={generate['beam']}, max_tokens={generate['max_tokens']}, "
        f"max_len_a={generate['max_len_a']}, max_len_b={generate['max_len_b']}, threads=1)\n"
    )]
    plain_times, extraction_times = [], []
    for _ in range(options.repeats):
        with open(out / "generate.out", "w") as sink:
            plain_times.append(timed(plain, stdout=sink))
        extraction_times.append(timed(extraction))
    sentences = sum(1 for _ in open(source, encoding="utf-8"))
    plain_median, extraction_median = statistics.median(plain_times), statistics.median(extraction_times)
    print(f"split {options.split}: {sentences} sentences, beam {generate['beam']}, {options.repeats} runs each")
    print(f"plain fairseq-generate : median {plain_median:.2f}s  {[round(t, 2) for t in plain_times]}")
    print(f"ielearn extraction     : median {extraction_median:.2f}s  {[round(t, 2) for t in extraction_times]}")
    print(f"ratio extraction / plain generate = {extraction_median / plain_median:.3f} (goal <= 1.15)")


if __name__ == "__main__":
    main()
