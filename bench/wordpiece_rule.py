"""How many [CLS]-attention words change when a word's score is the mean of its wordpieces
(ielearn's rule since issue 27) instead of their sum (the rule before it).

    .venv/bin/python bench/wordpiece_rule.py --model DIR --examples TSV [--experiment trec]

Prints how many examples' attention word differs, and how many have a word of several pieces.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from ielearn.classify.examples import read_examples  # noqa: E402
from ielearn.classify.explain import attention  # noqa: E402
from ielearn.classify.explain.words import word_scores  # noqa: E402
from ielearn.classify.model import load_classifier, load_tokenizer  # noqa: E402
from ielearn.classify.config import classification_dataset, classification_settings  # noqa: E402
from ielearn.classify.tasks import task_of  # noqa: E402
from ielearn.config import load_config  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def summed_word_scores(encoding, token_scores, batch_index=0):
    """The sum over a word's pieces: its mean times its piece count."""
    words, means = word_scores(encoding, token_scores, batch_index)
    return words, [mean * words.token_words.count(i) for i, mean in enumerate(means)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--examples", required=True, help="an examples TSV (single sentences)")
    parser.add_argument("--experiment", default="trec", help="config.yaml's classification experiment (task, max_length)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    config = load_config(REPO / "config.yaml")
    max_length = classification_settings(config, args.experiment)["train"]["max_length"]
    model, tokenizer = load_classifier(args.model), load_tokenizer(args.model)
    examples = read_examples(args.examples, task_of(classification_dataset(config, args.experiment)))
    mean = attention.attention_words(model, tokenizer, examples, 64, max_length)
    attention.word_scores = summed_word_scores  # the same code, the old rule
    summed = attention.attention_words(model, tokenizer, examples, 64, max_length)
    changed = sum(a != b for a, b in zip(mean, summed))
    pieces = sum(any(len(tokenizer.tokenize(w)) > 1 for w in e.text_a.split()) for e in examples)
    print(f"{len(examples)} examples: the attention word differs between the sum and the mean of its pieces "
          f"on {changed} ({100 * changed / len(examples):.1f} %); {pieces} have a word of several pieces")


if __name__ == "__main__":
    main()
