"""Score a classifier on an examples file with the task's metric; JSON with the headline value,
and optionally the per-example predictions (what the summary's tests resample)."""

from ielearn.classify.examples import read_examples
from ielearn.classify.metrics import compute_metric
from ielearn.classify.model import Predictor, load_classifier, load_tokenizer
from ielearn.classify.predictions import write_predictions
from ielearn.io import write_json


def predict(predictor, examples, task):
    """The predicted label (regression: score) of every example."""
    outputs = predictor([e.text_a for e in examples], [e.text_b for e in examples] if task.pair else None)
    if task.regression:
        return [float(o[0]) for o in outputs]
    return [task.labels[int(o.argmax())] for o in outputs]


def gold_values(examples, task):
    return [float(e.label) for e in examples] if task.regression else [e.label for e in examples]


def headline_value(task, examples, predicted):
    """(name, value) of the task's headline metric on `examples`."""
    values = compute_metric(task.metric, gold_values(examples, task), predicted, task.labels)
    name = next(iter(values))
    return name, values[name]


def predictions(model_dir, examples, task, batch_size=64, max_length=128):
    predictor = Predictor(load_classifier(model_dir), load_tokenizer(model_dir), batch_size, max_length)
    return predict(predictor, examples, task)


def score(model_dir, input_path, task, out_path, batch_size=64, max_length=128, pred_path=None):
    examples = read_examples(input_path, task)
    predicted = predictions(model_dir, examples, task, batch_size, max_length)
    gold = gold_values(examples, task)
    if pred_path is not None:
        write_predictions(pred_path, gold, predicted)
    values = compute_metric(task.metric, gold, predicted, task.labels)
    headline = next(iter(values))
    result = {"metric": headline, "value": values[headline], "n": len(examples), "metrics": values}
    write_json(out_path, result)
    return result
