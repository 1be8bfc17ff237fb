"""Extract one important word per example of one shard, and gather the shards.

Shard i of n holds a contiguous block of examples; every random choice is seeded by the
example's global index, so the words do not depend on how many shards there are.
"""

import logging

import numpy as np

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.attention import attention_words
from ielearn.classify.explain.lime_words import lime_word
from ielearn.classify.explain.shap_words import shap_explainer, shap_word
from ielearn.classify.model import Predictor, load_classifier, load_tokenizer
from ielearn.errors import UserError
from ielearn.io import read_lines, write_lines
from ielearn.progress import progress

log = logging.getLogger(__name__)
EXPLAINERS = ("attention", "lime", "shap")


def shard_bounds(count, shard, shards):
    return count * shard // shards, count * (shard + 1) // shards


def explain_words(model, tokenizer, examples, explainer, settings, first_index=0):
    """The top word of each example; `first_index` is the global index of examples[0]."""
    if explainer == "attention":
        return attention_words(model, tokenizer, examples, settings["batch_size"], settings["max_length"])
    options = settings[explainer]
    predictor = Predictor(model, tokenizer, options["batch_size"], settings["max_length"])
    shap_cache = {}
    words = []
    for index, example in enumerate(progress(examples, f"{explainer} words"), start=first_index):
        if explainer == "lime":
            words.append(lime_word(predictor, example, options["num_samples"], seed=settings["seed"] + index))
        else:
            pair = example.text_b is not None
            shap_cache.setdefault(pair, shap_explainer(predictor, pair))
            words.append(shap_word(predictor, example, options["max_evals"], options["batch_size"], shap_cache[pair]))
        predictor.forget()
    log.info("%s: %d model inputs for %d examples", explainer, predictor.calls, len(examples))
    return words


def extract_shard(model_dir, input_path, task, explainer, settings, shard, shards, out_path):
    """Write the words of shard `shard` (0-based) of `shards`, one per line."""
    if explainer not in EXPLAINERS:
        raise UserError(f"unknown explainer '{explainer}' (known: {', '.join(EXPLAINERS)})")
    np.random.seed(settings["seed"])  # shap's partition explainer draws from numpy's global state
    examples = read_examples(input_path, task)
    start, end = shard_bounds(len(examples), shard, shards)
    model, tokenizer = load_classifier(model_dir), load_tokenizer(model_dir)
    words = explain_words(model, tokenizer, examples[start:end], explainer, settings, first_index=start)
    write_lines(out_path, words)


def gather_shards(shard_paths, out_path):
    write_lines(out_path, [word for path in shard_paths for word in read_lines(path)])
