"""What IMPACTX's second encoder costs: the baseline and IMPACTX trained on the same examples
with the same settings (one epoch, no early stop), each in a fresh process so that each
peak memory is its own, and their training.json's seconds and peak_rss_mb
(ielearn/classify/training_cost.py) printed with the ratios, all measured in this one run.
IMPACTX's targets are random maps (random_maps.py): the cost does not depend on their values.

    .venv/bin/python bench/impactx_cost.py --examples results/trec/examples [--train 160]
        [--valid 32] [--model minilm] [--repeats 1]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SETTINGS = {"epochs": 1, "patience": None, "lr": 1e-4, "dropout": 0.1, "adam_betas": [0.9, 0.999],
            "weight_decay": 0.0, "warmup_ratio": 0.0, "batch_size": 16, "max_length": 48, "seed": 1}


def train_one(arm, examples, model, workdir):
    """Runs in its own process: one training of `arm` ('baseline' or 'impactx')."""
    import torch

    from ielearn.classify.examples import read_examples
    from ielearn.classify.impactx.model import make_impactx
    from ielearn.classify.impactx.objective import ImpactxObjective
    from ielearn.classify.impactx.random_maps import write_random_maps
    from ielearn.classify.impactx.teacher import read_teacher_maps
    from ielearn.classify.model import load_tokenizer
    from ielearn.classify.tasks import task_of
    from ielearn.classify.train import finetune

    torch.set_num_threads(1)
    task = task_of({"source": "trec"})
    workdir = Path(workdir)
    objective, make_model = None, None
    if arm == "impactx":
        write_random_maps(workdir / "train.tsv", task, model, "1-train", workdir / "maps.jsonl", SETTINGS["max_length"])

        def objective(impactx, init_model):
            tokenizer = load_tokenizer(init_model)
            maps = read_teacher_maps(workdir / "maps.jsonl", read_examples(workdir / "train.tsv", task), tokenizer,
                                     SETTINGS["max_length"])
            return ImpactxObjective(tokenizer, maps, 1.0, SETTINGS["max_length"])
        make_model = make_impactx
    finetune(workdir / "train.tsv", model, workdir / arm, task, SETTINGS, pretrained=True,
             valid_path=workdir / "valid.tsv", objective=objective, make_model=make_model)


def head(path, rows):
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[:rows + 1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", required=True, help="a folder with train.tsv and valid.tsv (trec's)")
    parser.add_argument("--train", type=int, default=160)
    parser.add_argument("--valid", type=int, default=32)
    parser.add_argument("--model", default="minilm")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--arm", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.arm:
        return train_one(args.arm, args.examples, args.model, args.workdir)
    figures = {"baseline": [], "impactx": []}
    with tempfile.TemporaryDirectory() as workdir:
        for split, rows in (("train", args.train), ("valid", args.valid)):
            Path(workdir, f"{split}.tsv").write_text(head(Path(args.examples) / f"{split}.tsv", rows), encoding="utf-8")
        for _ in range(args.repeats):
            for arm in figures:  # interleaved
                subprocess.run([sys.executable, __file__, "--arm", arm, "--examples", args.examples,
                                "--model", args.model, "--workdir", workdir], check=True, capture_output=True)
                record = json.loads(Path(workdir, arm, "training.json").read_text())
                figures[arm].append((record["seconds"], record["peak_rss_mb"], record["wordpieces"]))
                subprocess.run(["rm", "-rf", str(Path(workdir, arm))], check=True)
    for arm, runs in figures.items():
        for seconds, peak, wordpieces in runs:
            print(f"{arm}: {seconds:.1f} s, peak RSS {peak:.0f} MiB, {wordpieces} wordpieces")
    mean = {arm: [sum(run[i] for run in runs) / len(runs) for i in range(2)] for arm, runs in figures.items()}
    print(f"impactx / baseline: seconds x{mean['impactx'][0] / mean['baseline'][0]:.2f}, "
          f"peak RSS x{mean['impactx'][1] / mean['baseline'][1]:.2f} "
          f"({args.train} train, {args.valid} valid examples, one epoch, one thread)")


if __name__ == "__main__":
    main()
