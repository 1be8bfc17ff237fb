"""Extract one important word per example of one shard (gathering: ielearn.classify.shards).

Shard i of n holds a contiguous block of examples; every random choice is seeded by the
example's global index, so the words do not depend on how many shards there are, nor on how
many examples are explained at once (ielearn/classify/explain/concurrent.py).
"""

import logging
import threading

from ielearn.classify.examples import read_examples
from ielearn.classify.explain.concurrent import explain_concurrently
from ielearn.classify.explain.attention import attention_words
from ielearn.classify.model import Predictor, load_classifier, load_tokenizer
from ielearn.classify.shards import shard_bounds
from ielearn.errors import UserError
from ielearn.io import write_lines
from ielearn.progress import progress

log = logging.getLogger(__name__)
EXPLAINERS = ("attention", "lime", "shap", "scc")


def _lime_words(predictor, examples, options, seeds):
    from ielearn.classify.explain.lime_words import lime_word

    def one(calls, example, i):
        return lime_word(calls, example, options["num_samples"], seed=seeds[i])
    return explain_concurrently(predictor, examples, one, options["examples_at_once"])


def _shap_words(predictor, examples, options, seeds):
    from ielearn.classify.explain.shap_words import THREAD_RANDOM, shap_explainer, shap_word

    explainers = threading.local()  # shap's explainers keep per-row state: one per thread and input kind

    def one(calls, example, i):
        pair = example.text_b is not None
        if pair not in explainers.__dict__:
            explainers.__dict__[pair] = shap_explainer(calls, pair)
        own = explainers.__dict__[pair]
        THREAD_RANDOM.seed_thread(seeds[i])  # shap's tie-breaks: the same draws however it runs
        return shap_word(calls, example, options["max_evals"], options["batch_size"], own)
    return explain_concurrently(predictor, examples, one, options["examples_at_once"])


# imported lazily inside: a job imports only the library it runs (shap alone takes seconds)
PERTURBATION_EXPLAINERS = {"lime": _lime_words, "shap": _shap_words}


def explain_words(model, tokenizer, examples, explainer, settings, first_index=0):
    """The top word of each example; `first_index` is the global index of examples[0]."""
    if explainer == "attention":
        return attention_words(model, tokenizer, examples, settings["batch_size"], settings["max_length"])
    options = settings[explainer]
    predictor = Predictor(model, tokenizer, options["batch_size"], settings["max_length"])
    seeds = range(settings["seed"] + first_index, settings["seed"] + first_index + len(examples))
    words = list(progress(PERTURBATION_EXPLAINERS[explainer](predictor, examples, options, seeds),
                          f"{explainer} words", total=len(examples)))
    log.info("%s: %d model inputs for %d examples", explainer, predictor.calls, len(examples))
    return words


def extract_shard(model_dir, input_path, task, explainer, settings, shard, shards, out_path):
    """Write the words of shard `shard` (0-based) of `shards`, one per line."""
    if explainer not in EXPLAINERS:
        raise UserError(f"unknown explainer '{explainer}' (known: {', '.join(EXPLAINERS)})")
    examples = read_examples(input_path, task)
    start, end = shard_bounds(len(examples), shard, shards)
    model, tokenizer = load_classifier(model_dir), load_tokenizer(model_dir)
    if explainer == "scc":  # the sparse coding layer saved beside an SCC model (ielearn/classify/scc/)
        from ielearn.classify.explain.scc_words import scc_words
        from ielearn.classify.scc.checkpoint import load_layer

        words = scc_words(model, load_layer(model_dir, model.device), tokenizer, examples[start:end],
                          settings["batch_size"], settings["max_length"])
    else:
        words = explain_words(model, tokenizer, examples[start:end], explainer, settings, first_index=start)
    write_lines(out_path, words)
