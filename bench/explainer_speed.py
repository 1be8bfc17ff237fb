"""LIME and SHAP words: ielearn's extractor at smaller budgets against the libraries' default
budgets, on real TREC questions, with the exact leave-one-out word as the floor.

    .venv/bin/python bench/explainer_speed.py --model DIR [--examples 100] \
        [--lime-budgets 100 200 300 500] [--shap-budgets 20 40 60 80] [--references-only]

For each of the first N TREC test questions (the `trec` experiment's split):
- reference: ielearn's own extractor (the classifier's words, Alg. 2's signed argmax over the
  same candidates) at the library's default budget, called as a library user would: lime with
  5,000 samples, shap with the Partition explainer's default max_evals 500 and batch_size 10,
  through a plain model function (no cache, batches of 64 in the order given). Only the budget
  and the call differ from ielearn's, so agreement measures what the smaller budget changes.
- ielearn: the extractor as the pipeline runs it (each distinct text run once, length-sorted
  batches, `examples_at_once` examples sharing forward passes) at each budget given, and at
  the default budget on the timed questions (what the engineering alone gains).
- SHAP only: shap's own masker default ("..." in place of a hidden word; ielearn's rule until
  issue 27, now: delete, as LIME and the quality measures) at the default budget, to show how
  far the masking rule alone moves the word. Reference words are cached per rule.
- leave-one-out: drop each word in turn (I + 1 forward passes per example); the word whose
  removal lowers the predicted class's probability most. The cheapest exact word there is.

The reference words take long (lime: thousands of forward passes per question), so they are
cached in bench/data/ by model fingerprint and question; a later run reuses them (fill the
cache first with --references-only, in the background). Every ratio printed is taken in one
run: the reference is timed again here on the first --timed questions (and must give the
cached words). Printed per row: model inputs run per question (load-independent cost),
seconds per question, speed-up over the timed reference, and top-1 agreement with the
reference words. Goal (issue 16): >= 10x faster at >= 0.9 agreement. One torch thread
throughout; the load average is printed beside every section.
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

import numpy as np  # noqa: E402
import shap  # noqa: E402
import torch  # noqa: E402

from ielearn.classify.config import classification_settings  # noqa: E402
from ielearn.classify.datasets.prepare import dataset_splits  # noqa: E402
from ielearn.classify.explain.lime_words import classifier_fn, lime_word, predicted_output  # noqa: E402
from ielearn.classify.explain.shap_words import ClassifierWords, shap_ranking, shap_word  # noqa: E402
from ielearn.classify.explain.words import candidate_indices, input_words, word_text  # noqa: E402
from ielearn.classify import extract  # noqa: E402
from ielearn.classify.explain.ranking import top_words  # noqa: E402
from ielearn.classify.model import Predictor, encode, load_classifier, load_tokenizer  # noqa: E402
from ielearn.config import load_config  # noqa: E402

DEFAULT_BUDGET = {"lime": {"num_samples": 5000}, "shap": {"max_evals": 500, "batch_size": 10}}
# cache keys of the reference words: SHAP's hid words with "..." before issue 27 (one masking
# rule: delete), so its references cached under "shap" are of the old rule; LIME always deleted
REFERENCE_KEY = {"lime": "lime", "shap": "shap_deleting"}
BUDGET_KEY = {"lime": "num_samples", "shap": "max_evals"}


class PlainModel:
    """The model as a library user wraps it: batches of 64 in the order given, no cache."""

    def __init__(self, model, tokenizer, max_length):
        self.model, self.tokenizer, self.max_length = model, tokenizer, max_length
        self.regression = False
        self.calls = 0  # inputs run through the model

    @torch.no_grad()
    def __call__(self, texts_a, texts_b=None):
        self.calls += len(texts_a)
        outputs = []
        for start in range(0, len(texts_a), 64):
            batch_b = None if texts_b is None else texts_b[start:start + 64]
            logits = self.model(**encode(self.tokenizer, texts_a[start:start + 64], batch_b, self.max_length)).logits
            outputs.append(torch.softmax(logits, dim=-1).numpy())
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


def ielearn_words(model, tokenizer, examples, explainer, settings):
    """(words, model inputs run) as the pipeline's extract_shard gets them (explain_words)."""
    options = settings[explainer]
    predictor = Predictor(model, tokenizer, options["batch_size"], settings["max_length"])
    seeds = range(settings["seed"], settings["seed"] + len(examples))
    rankings = {"lime": extract._lime_rankings, "shap": extract._shap_rankings}[explainer]  # the rankers' own code
    return top_words([e.ranking for e in rankings(predictor, examples, options, seeds)]), predictor.calls


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


def load():
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def dots_shap_words(plain, examples):
    """SHAP at the default budget with shap's own masker default ("..." for a hidden word),
    the rule before issue 27: how far the masking rule alone moves the word."""
    explainer = shap.Explainer(classifier_fn(plain, False),
                               shap.maskers.Text(ClassifierWords(plain.tokenizer, plain.max_length)))
    return [shap_ranking(plain, e, DEFAULT_BUDGET["shap"]["max_evals"], DEFAULT_BUDGET["shap"]["batch_size"],
                         explainer)[0] for e in examples]


def fill_references(cache, cache_path, plain, explainer, examples, seed):
    words = cache.setdefault(REFERENCE_KEY[explainer], {})
    for i, example in enumerate(examples):
        if example.text_a not in words:
            words[example.text_a] = reference_word(plain, explainer, example, seed + i)
            save_cache(cache_path, cache)
    return [words[e.text_a] for e in examples]


def row(name, words, inputs, seconds, reference_words, reference_seconds):
    """One printed line; seconds and inputs are totals over len(words) questions."""
    n = len(words)
    agree = sum(a == b for a, b in zip(words, reference_words))
    speedup = reference_seconds / (seconds / n)
    goal = "  meets the goal" if speedup >= 10 and agree / n >= 0.9 else ""
    print(f"  {name:34} {inputs / n:7.1f} inputs/q {seconds / n:8.4f} s/q {speedup:7.1f}x  "
          f"agreement {agree / n:.3f} ({agree}/{n}){goal}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--timed", type=int, nargs=2, default=[5, 20], metavar=("LIME", "SHAP"),
                        help="questions on which each reference is timed (and ielearn at its budget)")
    parser.add_argument("--model", default=str(REPO / "results/trec/iter_0/model"))
    parser.add_argument("--lime-budgets", type=int, nargs="*", default=[100, 200, 300, 500])
    parser.add_argument("--shap-budgets", type=int, nargs="*", default=[20, 40, 60, 80])
    parser.add_argument("--explainers", nargs="*", default=["lime", "shap"], choices=["lime", "shap"])
    parser.add_argument("--noise", action="store_true",
                        help="also the default budget with other seeds on every question: how well the "
                             "reference agrees with itself, the ceiling for any budget")
    parser.add_argument("--references-only", action="store_true",
                        help="only fill the cache of reference words (run it in the background first)")
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
          f"{os.cpu_count()} cores; {load()} at the start", flush=True)
    references = {name: fill_references(cache, cache_path, plain, name, examples, settings["seed"])
                  for name in args.explainers}
    if args.references_only:
        return

    base = {"seed": settings["seed"], "max_length": max_length, "batch_size": settings["batch_size"]}
    for explainer, timed_n in zip(("lime", "shap"), args.timed):
        if explainer not in args.explainers:
            continue
        reference = references[explainer]
        print(f"{explainer} ({load()}); config.yaml trec: {settings[explainer]}", flush=True)
        plain.calls = 0
        timed_words, seconds = timed(lambda: [reference_word(plain, explainer, e, settings["seed"] + i)
                                              for i, e in enumerate(examples[:timed_n])])
        if timed_words != reference[:timed_n]:
            raise SystemExit(f"{explainer}: the timed reference words differ from the cached ones")
        reference_seconds = seconds / timed_n
        row(f"reference {DEFAULT_BUDGET[explainer]}"[:34], timed_words, plain.calls, seconds,
            reference, reference_seconds)
        options = dict(settings[explainer])
        default = {**options, BUDGET_KEY[explainer]: DEFAULT_BUDGET[explainer][BUDGET_KEY[explainer]]}
        (words, inputs), seconds = timed(lambda: ielearn_words(model, tokenizer, examples[:timed_n], explainer,
                                                               {**base, explainer: default}))
        row("ielearn at the default budget", words, inputs, seconds, reference, reference_seconds)
        if explainer == "shap":
            plain.calls = 0
            words, seconds = timed(lambda: dots_shap_words(plain, examples))
            row('shap\'s own mask "..." (old rule)', words, plain.calls, seconds, reference, reference_seconds)
        if args.noise:
            reseeded = {**base, "seed": base["seed"] + 10_000, explainer: default}
            (words, inputs), seconds = timed(lambda: ielearn_words(model, tokenizer, examples, explainer, reseeded))
            row("default budget, seeds + 10000", words, inputs, seconds, reference, reference_seconds)
        budgets = sorted(set(getattr(args, f"{explainer}_budgets") + [options[BUDGET_KEY[explainer]]]))
        for budget in budgets:
            variant = {**options, BUDGET_KEY[explainer]: budget}
            (words, inputs), seconds = timed(lambda: ielearn_words(model, tokenizer, examples, explainer,
                                                                   {**base, explainer: variant}))
            row(f"ielearn {BUDGET_KEY[explainer]} {budget}", words, inputs, seconds, reference, reference_seconds)
        predictor = Predictor(model, tokenizer, 128, max_length)
        words, seconds = timed(lambda: [leave_one_out_word(predictor, e) for e in examples])
        row("leave-one-out (I + 1 passes)", words, predictor.calls, seconds, reference, reference_seconds)
    print(f"end: {load()}")


if __name__ == "__main__":
    main()
