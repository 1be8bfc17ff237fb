"""Extract one important word per example of one shard (gathering: ielearn.classify.shards).

Every explainer ranks all of an example's candidate words (ielearn/classify/explain/
ranking.py); the word appended is the head of the ranking, and the whole ranking is written
beside it for the explanation-quality metrics (ielearn/classify/quality.py), and every word's
signed score too (the teacher maps of IMPACTX), so LIME and SHAP run once for all three. An
explainer's ranker is the function its registry entry names (ielearn/systems.py): (model,
tokenizer, examples, name, settings, seeds, model directory) → one Explained (ranking.py)
per example.

Shard i of n holds a contiguous block of examples; every random choice is seeded by the
example's global index, so the words do not depend on how many shards there are, nor on how
many examples are explained at once (ielearn/classify/explain/concurrent.py).
"""

import logging
import threading

from ielearn import systems
from ielearn.classify.backends import backend_predictor, settings_backend
from ielearn.classify.examples import read_examples
from ielearn.classify.explain.concurrent import explain_concurrently
from ielearn.classify.explain.attention import attention_explained
from ielearn.classify.explain.ranking import top_words, write_rankings, write_scores
from ielearn.classify.model import load_classifier, load_tokenizer
from ielearn.classify.shards import shard_bounds
from ielearn.errors import UserError
from ielearn.io import write_lines
from ielearn.progress import progress

log = logging.getLogger(__name__)


def _lime_rankings(predictor, examples, options, seeds):
    from ielearn.classify.explain.lime_words import lime_explained

    def one(calls, example, i):
        return lime_explained(calls, example, options["num_samples"], seed=seeds[i])
    return explain_concurrently(predictor, examples, one, options["examples_at_once"])


def _shap_rankings(predictor, examples, options, seeds):
    from ielearn.classify.explain.shap_words import THREAD_RANDOM, shap_explained, shap_explainer

    explainers = threading.local()  # shap's explainers keep per-row state: one per thread and input kind

    def one(calls, example, i):
        pair = example.text_b is not None
        if pair not in explainers.__dict__:
            explainers.__dict__[pair] = shap_explainer(calls, pair)
        own = explainers.__dict__[pair]
        THREAD_RANDOM.seed_thread(seeds[i])  # shap's tie-breaks: the same draws however it runs
        return shap_explained(calls, example, options["max_evals"], options["batch_size"], own)
    return explain_concurrently(predictor, examples, one, options["examples_at_once"])


def perturbation(explain):
    """A perturbation explainer (LIME, SHAP) as a ranker: batched, cached model calls, run by
    the settings' inference backend (ielearn/classify/backends.py)."""
    def rankings(model, tokenizer, examples, explainer, settings, seeds, model_dir):
        options = settings[explainer]
        predictor = backend_predictor(model, tokenizer, options["batch_size"], settings["max_length"],
                                      settings_backend(settings))
        found = list(progress(explain(predictor, examples, options, seeds), f"{explainer} words",
                              total=len(examples)))
        log.info("%s: %d model inputs for %d examples", explainer, predictor.calls, len(examples))
        return found
    return rankings


def attention_ranker(model, tokenizer, examples, explainer, settings, seeds, model_dir):
    return attention_explained(model, tokenizer, examples, settings["batch_size"], settings["max_length"])


def scc_ranker(model, tokenizer, examples, explainer, settings, seeds, model_dir):
    """The sparse coding layer saved beside an SCC model (ielearn/classify/scc/)."""
    from ielearn.classify.explain.scc_words import scc_explained
    from ielearn.classify.scc.checkpoint import load_layer

    return scc_explained(model, load_layer(model_dir, model.device), tokenizer, examples,
                         settings["batch_size"], settings["max_length"])


# LIME, SHAP and SCC import their code lazily inside: a job imports only what it runs (shap
# alone takes seconds)
lime_ranker = perturbation(_lime_rankings)
shap_ranker = perturbation(_shap_rankings)


def explain_all(model, tokenizer, examples, explainer, settings, first_index=0, model_dir=None):
    """Every example's Explained; `first_index` is the global index of examples[0]."""
    seed = settings.get("seed", 0)  # LIME's and SHAP's; attention and SCC draw nothing
    seeds = range(seed + first_index, seed + first_index + len(examples))
    ranker = systems.system(explainer).load("ranker")
    return ranker(model, tokenizer, examples, explainer, settings, seeds, model_dir)


def explain_words(model, tokenizer, examples, explainer, settings, first_index=0, model_dir=None):
    """The top word of each example; `first_index` is the global index of examples[0]."""
    found = explain_all(model, tokenizer, examples, explainer, settings, first_index, model_dir)
    return top_words([e.ranking for e in found])


def extract_shard(model_dir, input_path, task, explainer, settings, shard, shards, out_path, rankings_path=None,
                  scores_path=None):
    """Write the words of shard `shard` (0-based) of `shards`, one per line, and with
    `rankings_path` every example's ranking (one JSON list a line), with `scores_path` every
    word's score (ranking.write_scores)."""
    explainers = [name for name in systems.names(systems.EXPLAINER) if systems.system(name).ranker]
    if explainer not in explainers:
        raise UserError(f"unknown explainer '{explainer}' (known: {', '.join(explainers)})")
    examples = read_examples(input_path, task)
    start, end = shard_bounds(len(examples), shard, shards)
    model, tokenizer = load_classifier(model_dir), load_tokenizer(model_dir)
    found = explain_all(model, tokenizer, examples[start:end], explainer, settings, first_index=start,
                        model_dir=model_dir)
    rankings = [e.ranking for e in found]
    write_lines(out_path, top_words(rankings))
    if rankings_path:
        write_rankings(rankings_path, rankings)
    if scores_path:
        write_scores(scores_path, found)
