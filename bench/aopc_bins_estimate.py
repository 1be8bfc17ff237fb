"""Roughly where committed k = 1..5 quality tables would land under ERASER's bins (issue 27):
no rerun, an estimate from their per-k means.

    .venv/bin/python bench/aopc_bins_estimate.py --table docs/results/trec/classification_quality.tsv \
        --model DIR --examples TSV [--experiment trec]

Each question of `--examples` with n candidate words (the model's tokenizer) takes the bins'
⌈b·n/100⌉ words; its bin value is taken from the table's mean curve at that k, capped at k = 5
(the table holds no more: the estimate is low for comprehensiveness and high for sufficiency
where the 50 % bin exceeds five words; the share is printed). AOPC over bins = their mean.
"""

import argparse
import collections
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ielearn.classify.config import classification_dataset, classification_settings  # noqa: E402
from ielearn.classify.examples import read_examples  # noqa: E402
from ielearn.classify.explain.words import candidate_words  # noqa: E402
from ielearn.classify.model import load_tokenizer  # noqa: E402
from ielearn.classify.quality import quality_steps, step_size  # noqa: E402
from ielearn.classify.tasks import task_of  # noqa: E402
from ielearn.config import load_config  # noqa: E402
from ielearn.io import read_tsv  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", required=True)
    parser.add_argument("--model", required=True, help="a classifier directory (its tokenizer counts the words)")
    parser.add_argument("--examples", required=True)
    parser.add_argument("--experiment", default="trec")
    args = parser.parse_args()
    config = load_config(REPO / "config.yaml")
    max_length = classification_settings(config, args.experiment)["train"]["max_length"]
    tokenizer = load_tokenizer(args.model)
    examples = read_examples(args.examples, task_of(classification_dataset(config, args.experiment)))
    lengths = collections.Counter(len(candidate_words(tokenizer, e.text_a, e.text_b, max_length)) for e in examples)
    bins = quality_steps({"aopc": "bins"})
    beyond = sum(c for n, c in lengths.items() if step_size(bins[-1], n) > 5) / len(examples)
    print(f"{len(examples)} examples, candidate words: {sorted(lengths.items())}; "
          f"the 50 % bin exceeds 5 words on {100 * beyond:.1f} %")
    for row in read_tsv(args.table):
        out = [f"{row['explainer']:9} {row['iteration']}"]
        for curve in ("comprehensiveness", "sufficiency", "posthoc_accuracy"):
            means = [float(row[f"{curve}_{k}"].split()[0]) for k in range(1, 6)]
            old = float(row[f"{curve}_{'avg' if curve == 'posthoc_accuracy' else 'aopc'}_mean"])
            new = sum(count * sum(means[min(step_size(b, n), 5) - 1] for b in bins) / len(bins)
                      for n, count in lengths.items()) / len(examples)
            out.append(f"{curve} {old:6.2f} -> ~{new:6.2f} ({new - old:+.2f})")
        print(" | ".join(out))


if __name__ == "__main__":
    main()
