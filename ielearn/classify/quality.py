"""Explanation quality of one explainer's rankings for one model: are the words faithful?

The metrics of the SCC paper (section 4.2), on the model that was explained, for k = 1..K:
- comprehensiveness_k (eq. 11, the paper's AOPC-k): p(ŷ | x) − p(ŷ | x̄⁽ᵏ⁾), x̄⁽ᵏ⁾ = x with
  its top-k words deleted, ŷ the prediction on x. Higher: the words mattered to the model.
- sufficiency_k: p(ŷ | x) − p(ŷ | x⁽ᵏ⁾), x⁽ᵏ⁾ = only the top-k words kept. Lower: the words
  alone carry the prediction.
- posthoc_accuracy_k (eq. 12): 1[prediction on x⁽ᵏ⁾ = ŷ]. Higher is better.
Each is a mean over the test examples; the AOPC of a curve (Samek et al. 2017, Nguyen 2018,
as cited by the paper) is 1/(K+1) Σ_{k=0..K} of it, the k = 0 term being 0; the post-hoc
accuracy's summary is its mean over k = 1..K. Regression: p(ŷ | ·) is the predicted score
(the quantity the explainers explain) and there is no post-hoc accuracy.

Deleting a word: a ranking holds distinct candidate strings (ielearn/classify/explain/
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


def perturbed_inputs(texts, words, ranking, k_max):
    """[x, x̄⁽¹⁾..x̄⁽ᴷ⁾, x⁽¹⁾..x⁽ᴷ⁾] of one example, each a (text_a, text_b)."""
    deleted = [reduced_texts(texts, words, set(ranking[:k]), keep=False) for k in range(1, k_max + 1)]
    kept = [reduced_texts(texts, words, set(ranking[:k]), keep=True) for k in range(1, k_max + 1)]
    return [tuple(texts), *deleted, *kept]


def example_curves(outputs, k_max, regression):
    """One example's curves from the model outputs of perturbed_inputs (rows: x, the K
    deletions, the K keeps): {curve: [value at k = 1..K]}."""
    outputs = np.asarray(outputs, dtype=float)
    target = 0 if regression else int(outputs[0].argmax())
    full = outputs[0, target]
    deleted, kept = outputs[1:1 + k_max], outputs[1 + k_max:1 + 2 * k_max]
    curves = {"comprehensiveness": list(full - deleted[:, target]),
              "sufficiency": list(full - kept[:, target])}
    if not regression:
        curves["posthoc_accuracy"] = [float(row.argmax() == target) for row in kept]
    return curves


def quality_curves(predictor, tokenizer, examples, rankings, k_max, max_length=None, chunk=256):
    """Every example's curves; predictor(texts_a, texts_b) → outputs (class probabilities,
    or the score), with `regression` set. The model runs over the perturbed inputs of
    `chunk` examples at a time."""
    if len(rankings) != len(examples):
        raise ValueError(f"{len(rankings)} rankings for {len(examples)} examples")
    pair, rows, curves = examples[0].text_b is not None, 1 + 2 * k_max, []
    for start in range(0, len(examples), chunk):
        inputs = []
        for example, ranking in zip(examples[start:start + chunk], rankings[start:start + chunk]):
            texts = (example.text_a, example.text_b)
            inputs += perturbed_inputs(texts, input_words(tokenizer, *texts, max_length=max_length), ranking, k_max)
        outputs = predictor([a for a, _ in inputs], [b for _, b in inputs] if pair else None)
        curves += [example_curves(outputs[i:i + rows], k_max, predictor.regression)
                   for i in range(0, len(inputs), rows)]
        if hasattr(predictor, "forget"):
            predictor.forget()  # memory stays bounded on a large test set
    return curves


def aopc(curve):
    """Area over the perturbation curve: 1/(K+1) Σ_{k=0..K}, the k = 0 term 0."""
    return float(np.sum(curve)) / (len(curve) + 1)


def curve_names(regression):
    return CURVES[:2] if regression else CURVES  # no post-hoc accuracy without labels


def write_example_curves(path, curves, k_max, regression):
    """One row per example, a column per curve and k (`comprehensiveness_1`, ...)."""
    names = curve_names(regression)
    with atomic_write(path) as out:
        out.write("\t".join(f"{curve}_{k}" for curve in names for k in range(1, k_max + 1)) + "\n")
        for example in curves:  # 6 decimals: below that, differences are float noise of batching
            out.write("\t".join(f"{v:.6f}" for curve in names for v in example[curve]) + "\n")


def write_quality(model_dir, examples_path, rankings_path, task, k_max, settings, out_path):
    """The curves of every example of `examples_path` (the input the explained model read),
    under `rankings_path`'s rankings, for the model in `model_dir`."""
    from ielearn.classify.examples import read_examples
    from ielearn.classify.explain.ranking import read_rankings
    from ielearn.classify.model import Predictor, load_classifier, load_tokenizer

    examples, rankings = read_examples(examples_path, task), read_rankings(rankings_path)
    if len(rankings) != len(examples):
        raise UserError(f"{rankings_path} has {len(rankings)} rankings for the {len(examples)} "
                         f"examples of {examples_path}: stale files, delete the rankings and rerun")
    tokenizer = load_tokenizer(model_dir)
    predictor = Predictor(load_classifier(model_dir), tokenizer, settings["batch_size"], settings["max_length"])
    curves = quality_curves(predictor, tokenizer, examples, rankings, k_max, settings["max_length"])
    write_example_curves(out_path, curves, k_max, predictor.regression)
