"""Explanation quality of one explainer's rankings for one model: are the words faithful?

The metrics of ERASER (DeYoung et al. 2020) and the SCC paper (section 4.2), on the model
that was explained, at each step of a perturbation curve:
- comprehensiveness (SCC eq. 11): p(ŷ | x) − p(ŷ | x̄), x̄ = x with the step's top words
  deleted, ŷ the prediction on x. Higher: the words mattered to the model.
- sufficiency: p(ŷ | x) − p(ŷ | x̃), x̃ = only the step's top words kept. Lower: the words
  alone carry the prediction.
- posthoc_accuracy (SCC eq. 12): 1[prediction on x̃ = ŷ]. Higher is better.
Each is a mean over the test examples. The steps (`quality.aopc`):
- `bins` (the default, ERASER's): the top 1, 5, 10, 20 and 50 % of the example's candidate
  words (the ranking's length n), k_b = ⌈b·n/100⌉ words (at least one: a ten-word question
  has k = 1, 1, 1, 2, 5). AOPC = 1/|B| Σ_b of the curve, as ERASER's released scorer
  computes it (rationale_benchmark/metrics.py: the mean over its aopc_thresholds; the
  paper's 1/(|B|+1) Σ_{k=0..|B|} adds a 0 term for the empty bin). Comparable with
  published ERASER numbers up to the unit (a word here, a token there).
- `words`: k = 1..K words (`quality.k`), the SCC paper's AOPC-k; AOPC = 1/(K+1) Σ_{k=0..K},
  the k = 0 term 0 (Samek et al. 2017, Nguyen 2018, as the SCC paper cites).
The post-hoc accuracy's summary is its mean over the steps. Regression: p(ŷ | ·) is the
predicted score (the quantity the explainers explain) and there is no post-hoc accuracy.
A curves file names its columns `<curve>_<step>`: `comprehensiveness_1` (k = 1 word) or
`comprehensiveness_5pct` (the 5 % bin), so its readers know which AOPC applies.

Deleting a word (the one masking rule of every explainer and measure: LIME's bow removal,
SHAP's DeletingText): a ranking holds distinct candidate strings (ielearn/classify/explain/
words.py); deleting one removes every occurrence of it as a whole word of the classifier's
input as the tokenizer splits it (as LIME removes a feature), replacing its characters by a
space; keeping the top-k keeps every occurrence of those words, in input order, and nothing
else (no punctuation, no words past max_length). For a pair each sentence keeps its own
words. An example with fewer than k candidate words loses (or keeps) all of them at k: the
top-k of a shorter ranking is the whole ranking.
"""

import numpy as np

from ielearn.classify.explain.words import input_words, word_text
from ielearn.errors import UserError
from ielearn.io import atomic_write

CURVES = ("comprehensiveness", "sufficiency", "posthoc_accuracy")
ERASER_BINS = (1, 5, 10, 20, 50)  # % of the tokens: ERASER's scorer's default aopc_thresholds
BIN_SUFFIX = "pct"


def quality_steps(quality):
    """The step labels of the `quality` settings: `bins` ('1pct', ...) or `words` ('1'..'K')."""
    if quality.get("aopc", "bins") == "bins":
        return [f"{b}{BIN_SUFFIX}" for b in quality.get("bins", ERASER_BINS)]
    return [str(k) for k in range(1, quality["k"] + 1)]


def is_bin(step):
    return step.endswith(BIN_SUFFIX)


def step_size(step, n):
    """Words deleted or kept at `step` of a ranking of n words: k, or ⌈b·n/100⌉ (≥ 1)."""
    if is_bin(step):
        return max(1, -(-int(step.removesuffix(BIN_SUFFIX)) * n // 100))
    return int(step)


def reduced_texts(texts, words, chosen, keep):
    """(text_a, text_b) with the words whose text is in `chosen` deleted, or (keep=True)
    alone kept; `words` are every Word the classifier reads (words.input_words)."""
    reduced = []
    for sentence, text in enumerate(texts):
        if text is None:
            reduced.append(None)
            continue
        spans = [(w.start, w.end) for w in words if w.sentence == sentence and word_text(w, texts) in chosen]
        if keep:
            pieces = [text[start:end] for start, end in spans]
        else:
            bounds = [0, *[i for span in spans for i in span], len(text)]
            pieces = [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
        reduced.append(" ".join(" ".join(pieces).split()))
    return tuple(reduced)


def perturbed_inputs(texts, words, ranking, steps):
    """[x, x̄ at each step, x̃ at each step] of one example, each a (text_a, text_b)."""
    sizes = [step_size(step, len(ranking)) for step in steps]
    deleted = [reduced_texts(texts, words, set(ranking[:k]), keep=False) for k in sizes]
    kept = [reduced_texts(texts, words, set(ranking[:k]), keep=True) for k in sizes]
    return [tuple(texts), *deleted, *kept]


def example_curves(outputs, count, regression):
    """One example's curves from the model outputs of perturbed_inputs (rows: x, the `count`
    deletions, the `count` keeps): {curve: [value at each step]}."""
    outputs = np.asarray(outputs, dtype=float)
    target = 0 if regression else int(outputs[0].argmax())
    full = outputs[0, target]
    deleted, kept = outputs[1:1 + count], outputs[1 + count:1 + 2 * count]
    curves = {"comprehensiveness": list(full - deleted[:, target]),
              "sufficiency": list(full - kept[:, target])}
    if not regression:
        curves["posthoc_accuracy"] = [float(row.argmax() == target) for row in kept]
    return curves


def quality_curves(predictor, tokenizer, examples, rankings, steps, max_length=None, chunk=256):
    """Every example's curves at `steps` (quality_steps' labels); predictor(texts_a, texts_b)
    → outputs (class probabilities, or the score), with `regression` set. The model runs over
    the perturbed inputs of `chunk` examples at a time."""
    if len(rankings) != len(examples):
        raise ValueError(f"{len(rankings)} rankings for {len(examples)} examples")
    pair, rows, curves = examples[0].text_b is not None, 1 + 2 * len(steps), []
    for start in range(0, len(examples), chunk):
        inputs = []
        for example, ranking in zip(examples[start:start + chunk], rankings[start:start + chunk]):
            texts = (example.text_a, example.text_b)
            inputs += perturbed_inputs(texts, input_words(tokenizer, *texts, max_length=max_length), ranking, steps)
        outputs = predictor([a for a, _ in inputs], [b for _, b in inputs] if pair else None)
        curves += [example_curves(outputs[i:i + rows], len(steps), predictor.regression)
                   for i in range(0, len(inputs), rows)]
        if hasattr(predictor, "forget"):
            predictor.forget()  # memory stays bounded on a large test set
    return curves


def aopc(curve, bins=False):
    """Area over the perturbation curve: ERASER's 1/|B| Σ_b over its bins (`bins`), or
    1/(K+1) Σ_{k=0..K} over k = 1..K words, the k = 0 term 0."""
    return float(np.sum(curve)) / (len(curve) + (0 if bins else 1))


def curve_names(regression):
    return CURVES[:2] if regression else CURVES  # no post-hoc accuracy without labels


def write_example_curves(path, curves, steps, regression):
    """One row per example, a column per curve and step (`comprehensiveness_1`, `_5pct`, ...)."""
    names = curve_names(regression)
    with atomic_write(path) as out:
        out.write("\t".join(f"{curve}_{step}" for curve in names for step in steps) + "\n")
        for example in curves:  # 6 decimals: below that, differences are float noise of batching
            out.write("\t".join(f"{v:.6f}" for curve in names for v in example[curve]) + "\n")


def write_quality(model_dir, examples_path, rankings_path, task, quality, settings, out_path):
    """The curves of every example of `examples_path` (the input the explained model read),
    under `rankings_path`'s rankings, for the model in `model_dir`, at the steps of the
    `quality` settings (aopc: bins|words, k), the model run by the settings' inference backend."""
    from ielearn.classify.examples import read_examples
    from ielearn.classify.explain.ranking import read_rankings
    from ielearn.classify.backends import backend_predictor, settings_backend
    from ielearn.classify.model import load_classifier, load_tokenizer

    examples, rankings = read_examples(examples_path, task), read_rankings(rankings_path)
    if len(rankings) != len(examples):
        raise UserError(f"{rankings_path} has {len(rankings)} rankings for the {len(examples)} "
                         f"examples of {examples_path}: stale files, delete the rankings and rerun")
    tokenizer = load_tokenizer(model_dir)
    predictor = backend_predictor(load_classifier(model_dir), tokenizer, settings["batch_size"],
                                  settings["max_length"], settings_backend(settings))
    steps = quality_steps(quality)
    curves = quality_curves(predictor, tokenizer, examples, rankings, steps, settings["max_length"])
    write_example_curves(out_path, curves, steps, predictor.regression)
