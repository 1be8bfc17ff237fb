"""LIME and SHAP: the libraries' defaults versus ielearn's settings, on real TREC questions.

"defaults": lime's LimeTextExplainer with its 5000 samples, and shap's Text masker with
max_evals=500 and batch_size=10, each given a plain model function (no cache, batches
of 64 under torch.no_grad). "ielearn": the same libraries through ielearn's extractors
(each distinct text run once, length-sorted batches of 128, inference_mode) at the sample
counts in config.yaml's `trec` experiment. Both use one torch thread. Printed: seconds per
example for each, the speed-up, and the share of examples whose top word agrees.
Goal: >= 10x faster at >= 0.9 agreement.

    .venv/bin/python bench/classify_explainers.py [--examples 50] [--explainers lime shap]
        [--model results/trec/baseline/model]
"""

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import shap  # noqa: E402
import torch  # noqa: E402
from lime.lime_text import LimeTextExplainer  # noqa: E402

from ielearn.classify.config import classification_settings  # noqa: E402
from ielearn.classify.datasets.prepare import dataset_splits  # noqa: E402
from ielearn.classify.explain.lime_words import lime_word  # noqa: E402
from ielearn.classify.explain.shap_words import shap_word  # noqa: E402
from ielearn.classify.model import Predictor, load_classifier, load_tokenizer  # noqa: E402
from ielearn.classify.tasks import TREC  # noqa: E402
from ielearn.config import load_config  # noqa: E402


def plain_fn(model, tokenizer):
    def predict(texts):
        outputs = []
        with torch.no_grad():
            for start in range(0, len(texts), 64):
                batch = tokenizer(list(texts[start:start + 64]), padding=True, truncation=True,
                                  max_length=128, return_tensors="pt")
                outputs.append(torch.softmax(model(**batch).logits, dim=-1).numpy())
        return np.concatenate(outputs)
    return predict


def timed(function, examples):
    start = time.perf_counter()
    words = [function(example) for example in examples]
    return words, (time.perf_counter() - start) / len(examples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--explainers", nargs="+", default=["lime", "shap"], choices=["lime", "shap"])
    parser.add_argument("--model", default=str(REPO / "results/trec/baseline/model"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    config = load_config(REPO / "config.yaml")
    settings = classification_settings(config, "trec")
    dataset = config["classification"]["datasets"]["trec"]
    examples = dataset_splits(dataset)["test"][:args.examples]
    trained = Path(args.model).exists()  # else MiniLM with an untrained head
    model = load_classifier(args.model) if trained else load_classifier("minilm", TREC)
    tokenizer = load_tokenizer(args.model if trained else "minilm")
    predict = plain_fn(model, tokenizer)
    print(f"{len(examples)} TREC test questions, model {args.model if trained else 'minilm, untrained head'}")

    def lime_default(example):
        target = int(predict([example.text_a])[0].argmax())
        explanation = LimeTextExplainer(random_state=1).explain_instance(example.text_a, predict, labels=(target,))
        return max(explanation.as_list(label=target), key=lambda pair: pair[1])[0]  # Alg. 2: argmax

    shap_default_explainer = shap.Explainer(predict, shap.maskers.Text())

    def shap_default(example):
        target = int(predict([example.text_a])[0].argmax())
        explanation = shap_default_explainer([example.text_a], max_evals=500, batch_size=10, silent=True)
        best = int(explanation.values[0][:, target].argmax())  # Alg. 2: argmax, not |value|
        return str(explanation.data[0][best]).strip()

    def ours(explainer):
        options = settings[explainer]
        predictor = Predictor(model, tokenizer, options["batch_size"], settings["train"]["max_length"])

        def run(example):
            predictor.forget()
            if explainer == "lime":
                return lime_word(predictor, example, options["num_samples"], seed=1)
            return shap_word(predictor, example, options["max_evals"], options["batch_size"])
        return run

    for name, default, fast, setting in [
        ("lime", lime_default, ours("lime"), f"num_samples {settings['lime']['num_samples']} (default 5000)"),
        ("shap", shap_default, ours("shap"), f"max_evals {settings['shap']['max_evals']} (default 500)"),
    ]:
        if name not in args.explainers:
            continue
        default_words, default_time = timed(default, examples)
        fast_words, fast_time = timed(fast, examples)
        agreement = np.mean([a == b for a, b in zip(default_words, fast_words)])
        print(f"{name}: defaults {default_time:.3f} s/example, ielearn ({setting}) {fast_time:.3f} s/example, "
              f"speed-up {default_time / fast_time:.1f}x, top-1 agreement {agreement:.2f}")


if __name__ == "__main__":
    main()
