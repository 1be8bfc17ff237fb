"""The CUDA paths of training and extraction, checked against the CPU on a machine with a GPU.

    python bench/cuda_check.py classify [--tokenizer DIR]      # classification half
    python bench/cuda_check.py nmt --data results/demo/iter_0/bin --bpe results/demo/data/bpe

classify: a tiny BERT is fine-tuned on the synthetic task by ielearn.classify.train.finetune
on the CPU and on CUDA (same seed); the CUDA model's words by [CLS] attention, LIME and SHAP
are extracted on CUDA and, from the same weights, on the CPU, and must agree; then the
Predictor's throughput (texts/s) and LIME/SHAP seconds per example, one example at a time
and 16 side by side (ielearn/classify/explain/concurrent.py), are timed on each device with
a MiniLM-sized BERT (random weights: the cost of a forward pass does not depend on them).
nmt: ielearn.nmt.train.train_model runs fairseq-train on CUDA (2 epochs of the demo's
Transformer), writes compute.json, and decode_split extracts hypotheses and attention words
from that checkpoint on CUDA and on the CPU; they must be the same.

Every comparison prints one line; the exit status is 1 if any check fails. The CPU side of
each comparison runs in a child process with CUDA_VISIBLE_DEVICES="" (what a CPU-only job
sees). Needs torch with CUDA; the CPU-only machines of the test suite never run this.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

FAILURES = []


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}", flush=True)
    if not ok:
        FAILURES.append(name)


def child(args, cpu):
    """Run this script's subcommand in a child process, on the CPU if `cpu`; its JSON reply."""
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="" if cpu else os.environ.get("CUDA_VISIBLE_DEVICES", "0"))
    done = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "output": done.stdout + done.stderr}


# ---- classification ------------------------------------------------------------------------

def synthetic_files(directory):
    from ielearn.classify.datasets.synthetic import synthetic_examples
    from ielearn.classify.examples import write_examples

    paths = {}
    for split, count, seed in (("train", 200, 1), ("valid", 50, 2), ("test", 60, 3)):
        paths[split] = Path(directory) / f"{split}.tsv"
        write_examples(paths[split], synthetic_examples(count, seed))
    return paths


def cls_train(workdir):
    """Child: fine-tune the tiny BERT here (device as this process sees it); the record."""
    import torch

    from ielearn.classify.config import CLS_TRAIN_DEFAULTS
    from ielearn.classify.model import compute_device
    from ielearn.classify.tasks import SYNTHETIC
    from ielearn.classify.train import finetune
    from tiny_bert import make_tiny_bert

    paths = synthetic_files(workdir)
    settings = {**CLS_TRAIN_DEFAULTS, "epochs": 8, "patience": 8, "lr": 5e-3, "batch_size": 16, "max_length": 32}
    start = time.perf_counter()
    out = Path(workdir) / f"model_{compute_device().type}"
    finetune(paths["train"], make_tiny_bert(Path(workdir) / "init"), out, SYNTHETIC, settings,
             valid_path=paths["valid"])
    record = json.loads((out / "training.json").read_text())
    return {"device": compute_device().type, "seconds": time.perf_counter() - start, "model": str(out),
            "valid": record["valid_score"], "kept_epoch": record["kept_epoch"],
            "cuda_name": torch.cuda.get_device_name(0) if torch.cuda.is_available() else ""}


def cls_words(model_dir, test_path):
    """Child: the words of every explainer for the test examples, on this process's device."""
    import numpy as np

    from ielearn.classify.examples import read_examples
    from ielearn.classify.extract import explain_words
    from ielearn.classify.model import Predictor, load_classifier, load_tokenizer
    from ielearn.classify.tasks import SYNTHETIC

    examples = read_examples(test_path, SYNTHETIC)
    model, tokenizer = load_classifier(model_dir), load_tokenizer(model_dir)
    settings = {"batch_size": 16, "max_length": 32, "seed": 1,
                "lime": {"num_samples": 200, "batch_size": 128, "examples_at_once": 16},
                "shap": {"max_evals": 60, "batch_size": 128, "examples_at_once": 16}}
    words = {}
    for explainer in ("attention", "lime", "shap"):
        np.random.seed(1)
        words[explainer] = explain_words(model, tokenizer, examples, explainer, settings)
    probabilities = Predictor(model, tokenizer, 64, 32)([e.text_a for e in examples])
    return {"device": str(model.device), "words": words, "probabilities": probabilities.tolist()}


def cls_speed(tokenizer_dir, test_path, threads):
    """Child: texts/s of the Predictor and LIME/SHAP s/example with a MiniLM-sized BERT."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    import ielearn.classify.explain.lime_words  # noqa: F401  imported before timing
    import ielearn.classify.explain.shap_words  # noqa: F401
    from ielearn.classify.examples import read_examples
    from ielearn.classify.extract import explain_words
    from ielearn.classify.model import Predictor, compute_device, load_tokenizer
    from ielearn.classify.tasks import SYNTHETIC

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    config = BertConfig(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536,
                        num_labels=2, attn_implementation="eager")
    model = BertForSequenceClassification(config).to(compute_device()).eval()
    tokenizer = load_tokenizer(tokenizer_dir)
    examples = read_examples(test_path, SYNTHETIC)
    texts = [f"{e.text_a} number {i}" for i, e in enumerate(examples * 20)]  # distinct texts
    predictor = Predictor(model, tokenizer, 256, 48)
    predictor(texts[:64])
    start = time.perf_counter()
    predictor(texts)
    throughput = len(texts) / (time.perf_counter() - start)
    timings = {}
    for name in ("lime", "shap"):
        for at_once in (1, 16):
            options = {"num_samples": 100, "max_evals": 40, "batch_size": 128, "examples_at_once": at_once}
            settings = {"seed": 1, "max_length": 48, "batch_size": 64, name: options}
            start = time.perf_counter()
            explain_words(model, tokenizer, examples[:32], name, settings)
            timings[f"{name}_{at_once}"] = (time.perf_counter() - start) / 32
    return {"device": compute_device().type, "threads": threads, "texts_per_s": throughput, **timings}


def run_classify(args):
    with tempfile.TemporaryDirectory() as workdir:
        cuda = child(["cls-train", workdir], cpu=False)
        cpu = child(["cls-train", workdir], cpu=True)
        check("classifier trains on CUDA", cuda["device"] == "cuda",
              f"{cuda['cuda_name']}, valid accuracy {cuda['valid']:.3f} (epoch {cuda['kept_epoch']}), "
              f"{cuda['seconds']:.1f} s; on the CPU {cpu['valid']:.3f} (epoch {cpu['kept_epoch']}), "
              f"{cpu['seconds']:.1f} s")
        check("CUDA and CPU training reach similar valid accuracy", abs(cuda["valid"] - cpu["valid"]) <= 0.1,
              f"{cuda['valid']:.3f} vs {cpu['valid']:.3f}")
        test = str(Path(workdir) / "test.tsv")
        on_cuda = child(["cls-words", cuda["model"], test], cpu=False)
        on_cpu = child(["cls-words", cuda["model"], test], cpu=True)
        check("extraction runs on CUDA", on_cuda["device"].startswith("cuda"), on_cuda["device"])
        import numpy as np

        gap = float(np.abs(np.array(on_cuda["probabilities"]) - np.array(on_cpu["probabilities"])).max())
        check("same probabilities on CUDA and CPU", gap < 1e-4, f"max |difference| {gap:.2e}")
        for explainer, words in on_cuda["words"].items():
            same = np.mean([a == b for a, b in zip(words, on_cpu["words"][explainer])])
            check(f"{explainer} words agree on CUDA and CPU", same >= 0.95, f"{same:.3f} of {len(words)}")
        if args.tokenizer:
            speeds = [child(["cls-speed", args.tokenizer, test, str(t)], cpu=c) for c, t in
                      ((False, 1), (True, 1), (True, os.cpu_count() or 1))]
            for speed in speeds:
                print(f"      {speed['device']:4} threads {speed['threads']:2}: {speed['texts_per_s']:8.0f} texts/s;"
                      " s/example one at a time / 16 at once:"
                      f" LIME {speed['lime_1']:.4f} / {speed['lime_16']:.4f}, SHAP {speed['shap_1']:.4f} / {speed['shap_16']:.4f}")
            gpu, one = speeds[0], speeds[1]
            check("CUDA predictor faster than one CPU thread", gpu["texts_per_s"] > one["texts_per_s"],
                  f"{gpu['texts_per_s'] / one['texts_per_s']:.1f}x texts/s, 16 at once: "
                  f"LIME {one['lime_16'] / gpu['lime_16']:.1f}x, SHAP {one['shap_16'] / gpu['shap_16']:.1f}x")


# ---- translation ---------------------------------------------------------------------------

def nmt_train(data_dir, workdir):
    """Child: 2 epochs of the demo Transformer with ielearn's training wrapper."""
    from ielearn.config import experiment_settings, load_config
    from ielearn.nmt.compute import compute_path, read_compute
    from ielearn.nmt.train import train_model, training_plan

    demo = experiment_settings(load_config(REPO / "config.yaml"), "demo")
    hp = {**demo["train"], "max_epoch": 2, "patience": -1}
    plan = training_plan(hp, demo["arch"], demo["model"], seed=1)
    best = Path(workdir) / "model" / "best.pt"
    best.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    train_model(data_dir, Path(workdir) / "checkpoints", best, plan["args"], keep=plan["keep"])
    return {"seconds": time.perf_counter() - start, "model": str(best), **read_compute(compute_path(best))}


def nmt_decode(data_dir, model, bpe_dir, out_dir):
    """Child: hypotheses, positions and words of the valid split on this process's device."""
    import torch

    from ielearn.nmt.decode import decode_split

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outs = {kind: str(out_dir / f"valid.{kind}") for kind in ("hyp", "pos", "words")}
    start = time.perf_counter()
    decode_split(data_dir, model, "valid", input_path=f"{bpe_dir}/valid.src", source_path=f"{bpe_dir}/valid.src",
                 out_paths=outs, beam=5, max_tokens=4000, max_len_a=1.2, max_len_b=10)
    return {"cuda": torch.cuda.is_available(), "seconds": time.perf_counter() - start,
            **{kind: Path(path).read_text().splitlines() for kind, path in outs.items()}}


def run_nmt(args):
    with tempfile.TemporaryDirectory() as workdir:
        trained = child(["nmt-train", args.data, workdir], cpu=False)
        # fairseq-train lists the GPUs it trains on ("rank 0: capabilities = ... name = ...")
        # only when it uses CUDA
        gpu = re.search(r"rank +0: capabilities.*name = (.+)", trained["output"])
        check("fairseq-train runs on CUDA through train_model", gpu is not None and trained["updates"] > 0,
              f"{gpu.group(1).strip() if gpu else 'no GPU in its log'}: {trained['updates']} updates, "
              f"{trained['epochs']} epochs, {trained['seconds']:.1f} s")
        cuda = child(["nmt-decode", args.data, trained["model"], args.bpe, f"{workdir}/cuda"], cpu=False)
        cpu = child(["nmt-decode", args.data, trained["model"], args.bpe, f"{workdir}/cpu"], cpu=True)
        check("decode_split runs on CUDA", cuda["cuda"], f"{cuda['seconds']:.1f} s (CPU {cpu['seconds']:.1f} s)")
        for kind in ("hyp", "pos", "words"):
            same = sum(a == b for a, b in zip(cuda[kind], cpu[kind])) / max(1, len(cpu[kind]))
            check(f"{kind}: CUDA and CPU decoding agree", same >= 0.95, f"{same:.3f} of {len(cpu[kind])} lines")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    classify = sub.add_parser("classify")
    classify.add_argument("--tokenizer", help="a BERT tokenizer directory for the MiniLM-sized timing")
    nmt = sub.add_parser("nmt")
    nmt.add_argument("--data", required=True)
    nmt.add_argument("--bpe", required=True)
    for name, arity in (("cls-train", 1), ("cls-words", 2), ("cls-speed", 3), ("nmt-train", 2), ("nmt-decode", 4)):
        sub.add_parser(name).add_argument("values", nargs=arity)
    args = parser.parse_args()
    children = {"cls-train": cls_train, "cls-words": cls_words, "nmt-train": nmt_train, "nmt-decode": nmt_decode,
                "cls-speed": lambda t, p, n: cls_speed(t, p, int(n))}
    if args.command in children:
        print(json.dumps(children[args.command](*args.values)))
        return 0
    {"classify": run_classify, "nmt": run_nmt}[args.command](args)
    print(f"{len(FAILURES)} check(s) failed: {', '.join(FAILURES)}" if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
