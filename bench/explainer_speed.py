"""LIME and SHAP words: ielearn's settings against the libraries' default budgets, on real TREC
questions, with the exact leave-one-out word as the floor.

    .venv/bin/python bench/explainer_speed.py [--examples 50] [--model results/trec/baseline/model]

For each of the first N TREC test questions (the `trec` experiment's split):
- reference: ielearn's own extractor (the classifier's words, Alg. 2's signed argmax over the
  same candidates) at the library's default budget, called as a library user would: lime with
  5,000 samples, shap with max_evals 500 and batch_size 10, through a plain model function
  (no cache, batches of 64 in the order given). Only the budget and the call differ from
  ielearn's, so agreement measures what the smaller budget changes.
- ielearn: the extractor at config.yaml's `trec` settings (cache of distinct texts,
  length-sorted batches, `examples_at_once` examples sharing forward passes); SHAP also at
  smaller budgets, to show the trade-off.
- leave-one-out: drop each word in turn (I + 1 forward passes per example); the word whose
  removal lowers the predicted class's probability most. The cheapest exact word there is.

The reference words take long (lime: thousands of forward passes per question), so they are
cached in bench/data/ by model and question; a later run reuses them. Every ratio printed is
taken in one run: the reference is timed again here on the first --timed questions.
Agreement = share of questions whose word equals the reference word. Goal (issue 16): ≥ 10×
faster at ≥ 0.9 agreement. One torch thread throughout; state the machine's load.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does

import torch  # noqa: E402

from ielearn.classify.config import classification_settings  # noqa: E402
from ielearn.classify.datasets.prepare import dataset_splits  # noqa: E402
from ielearn.classify.explain.lime_words import lime_word, predicted_output  # noqa: E402
from ielearn.classify.explain.shap_words import shap_word  # noqa: E402
from ielearn.classify.explain.words import candidate_indices, input_words, word_text  # noqa: E402
from ielearn.classify.extract import explain_words  # noqa: E402
from ielearn.classify.model import Predictor, encode, load_classifier, load_tokenizer  # noqa: E402
from ielearn.config import load_config  # noqa: E402

DEFAULT_BUDGET = {"lime": {"num_samples": 5000}, "shap": {"max_evals": 500, "batch_size": 10}}


class PlainModel:
    """The model as a library user wraps it: batches of 64 in the order given, no cache."""

    def __init__(self, model, tokenizer, max_length):
        self.model, self.tokenizer, self.max_length = model, tokenizer, max_length
        self.regression = False

    @torch.no_grad()
    def __call__(self, texts_a, texts_b=None):
        outputs = []
        for start in range(0, len(texts_a), 64):
            batch_b = None if texts_b is None else texts_b[start:start + 64]
            logits = self.model(**encode(self.tokenizer, texts_a[start:start + 64], batch_b, self.max_length)).logits
            outputs.append(torch.softmax(logits, dim=-1).numpy())
        import numpy as np

        return np.concatenate(outputs)


def reference_word(plain, explainer, example, seed):
    if explainer == "lime":
        return lime_word(plain, example, DEFAULT_BUDGET["lime"]["num_samples"], seed)
    return shap_word(plain, example, DEFAULT_BUDGET["shap"]["max_evals"], DEFAULT_BUDGET["shap"]["batch_size"])


def leave_one_out_word(predictor, example):
    """The candidate whose removal lowers the predicted output most (I + 1 forward passes)."""
    texts = (example.text_a, None)
    words = input_words(predictor.tokenizer, example.text_a, None, predictor.max_length)
    target = predicted_output(predictor, example)
    candidates = candidate_indices(words, texts)
    without = [" ".join((example.text_a[:words[i].start] + example.text_a[words[i].end:]).split())
               for i in candidates]
    full = predictor([example.text_a])[0][target]
    drops = full - predictor(without)[:, target]
    return word_text(words[candidates[int(drops.argmax())]], texts)


def model_fingerprint(model_dir):
    digest = hashlib.sha256()
    for path in sorted(Path(model_dir).glob("*.safetensors")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_cache(path):
    return json.loads(path.read_text()) if path.exists() else {}


def save_cache(path, cache):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(cache, indent=1, sort_keys=True))
    os.replace(tmp, path)


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--timed", type=int, default=10, help="questions on which the reference is timed")
    parser.add_argument("--model", default=str(REPO / "results/trec/baseline/model"))
    parser.add_argument("--shap-budgets", type=int, nargs="*", default=[20, 30])
    args = parser.parse_args()
    torch.set_num_threads(1)
    config = load_config(REPO / "config.yaml")
    settings = classification_settings(config, "trec")
    examples = dataset_splits(config["classification"]["datasets"]["trec"])["test"][:args.examples]
    model, tokenizer = load_classifier(args.model), load_tokenizer(args.model)
    max_length = settings["train"]["max_length"]
    plain = PlainModel(model, tokenizer, max_length)
    cache_path = REPO / "bench" / "data" / f"explainer_reference_{model_fingerprint(args.model)}.json"
    cache = load_cache(cache_path)
    print(f"{len(examples)} TREC test questions; model {args.model} ({cache_path.name}); one torch thread; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores at the start")

    references = {}
    for explainer in ("lime", "shap"):
        words = cache.setdefault(explainer, {})
        for i, example in enumerate(examples):
            if example.text_a not in words:
                words[example.text_a] = reference_word(plain, explainer, example, settings["seed"] + i)
                save_cache(cache_path, cache)
        references[explainer] = [words[e.text_a] for e in examples]
        _, seconds = timed(lambda: [reference_word(plain, explainer, e, settings["seed"] + i)
                                    for i, e in enumerate(examples[:args.timed])])
        references[explainer + "_seconds"] = seconds / args.timed

    def report(name, explainer, words, seconds):
        per_example = seconds / len(examples)
        agree = sum(a == b for a, b in zip(words, references[explainer])) / len(examples)
        speedup = references[explainer + "_seconds"] / per_example
        print(f"  {name:38} {per_example:7.4f} s/example  {speedup:6.1f}x  agreement {agree:.2f}"
              f"{'  meets the goal' if speedup >= 10 and agree >= 0.9 else ''}")

    predictor = Predictor(model, tokenizer, 128, max_length)
    loo, loo_seconds = timed(lambda: [leave_one_out_word(predictor, e) for e in examples])
    base = {"seed": settings["seed"], "max_length": max_length, "batch_size": settings["batch_size"]}
    for explainer in ("lime", "shap"):
        print(f"{explainer}: reference ({DEFAULT_BUDGET[explainer]}) "
              f"{references[explainer + '_seconds']:.4f} s/example on {args.timed} questions")
        options = dict(settings[explainer])
        variants = [(f"ielearn {options}", options)]
        if explainer == "shap":
            variants += [(f"ielearn max_evals {b}", {**options, "max_evals": b}) for b in args.shap_budgets]
        variants += [(f"ielearn {options}, one at a time", {**options, "examples_at_once": 1})]
        for name, variant in variants:
            words, seconds = timed(lambda: explain_words(model, tokenizer, examples, explainer,
                                                         {**base, explainer: variant}))
            report(name, explainer, words, seconds)
        report("leave-one-out (I + 1 passes)", explainer, loo, loo_seconds)


if __name__ == "__main__":
    main()
