"""LIME's top word for the model's prediction (lime's LimeTextExplainer, words split on \\W+).

The top word is the first of `explanation.as_list(label)`, i.e. the largest |weight|, LIME's
own ranking. Regression: LIME fits its local linear model to the predicted score itself.
"""

from lime.lime_text import LimeTextExplainer

from ielearn.classify.explain.pairs import join_pair, split_pairs


def predicted_output(predictor, example):
    """Index of the output to explain: the predicted class, or 0 (the score) for regression."""
    output = predictor([example.text_a], None if example.text_b is None else [example.text_b])[0]
    return 0 if predictor.regression else int(output.argmax())


def classifier_fn(predictor, pair):
    return lambda strings: predictor(*split_pairs(strings, pair))


def lime_word(predictor, example, num_samples, seed, num_features=10):
    pair = example.text_b is not None
    target = predicted_output(predictor, example)
    explainer = LimeTextExplainer(random_state=seed)
    explanation = explainer.explain_instance(
        join_pair(example.text_a, example.text_b), classifier_fn(predictor, pair),
        labels=(target,), num_features=num_features, num_samples=num_samples,
    )
    return explanation.as_list(label=target)[0][0]
