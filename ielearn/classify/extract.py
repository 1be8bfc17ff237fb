"""Extract one important word per example of one shard (gathering: ielearn.classify.shards).

Shard i of n holds a contiguous block of examples; every random choice is seeded by the
example's global index, so the words do not depend on how many shards there are.
"""

import logging

import numpy as np

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.attention import attention_words
from ielearn.classify.model import Predictor, load_classifier, load_tokenizer
from ielearn.classify.shards import shard_bounds
from ielearn.errors import UserError
from ielearn.io import write_lines
from ielearn.progress import progress

log = logging.getLogger(__name__)
EXPLAINERS = ("attention", "lime", "shap")


def _lime_words(predictor, examples, options, seeds):
    from ielearn.classify.explain.lime_words import lime_word

    for example, seed in zip(examples, seeds):
        yield lime_word(predictor, example, options["num_samples"], seed=seed)


def _shap_words(predictor, examples, options, seeds):
    from ielearn.classify.explain.shap_words import shap_explainer, shap_word

    explainers = {}  # one per input kind (single sentence or pair), reused across examples
    for example in examples:
        pair = example.text_b is not None
        explainer = explainers.setdefault(pair, shap_explainer(predictor, pair))
        yield shap_word(predictor, example, options["max_evals"], options["batch_size"], explainer)


# imported lazily inside: a job imports only the library it runs (shap alone takes seconds)
PERTURBATION_EXPLAINERS = {"lime": _lime_words, "shap": _shap_words}


def explain_words(model, tokenizer, examples, explainer, settings, first_index=0):
    """The top word of each example; `first_index` is the global index of examples[0]."""
    if explainer == "attention":
        return attention_words(model, tokenizer, examples, settings["batch_size"], settings["max_length"])
    options = settings[explainer]
    predictor = Predictor(model, tokenizer, options["batch_size"], settings["max_length"])
    seeds = range(settings["seed"] + first_index, settings["seed"] + first_index + len(examples))
    words = []
    for word in progress(PERTURBATION_EXPLAINERS[explainer](predictor, examples, options, seeds),
                         f"{explainer} words", total=len(examples)):
        words.append(word)
        predictor.forget()  # memory stays bounded; texts rarely repeat across examples
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
