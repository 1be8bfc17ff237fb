"""CTranslate2 against fairseq on one model of a finished run, in one run of this script.

For model `--iteration` of `--experiment` (results/<exp>/iter_<k>/, trained by the pipeline):
the speed ratio of the decode (fairseq's beam search with attention vs CTranslate2 on the
converted model, both one thread, each timed `--repeats` times in alternation, model load
included, medians compared), and on the split's sentences: the share of identical
hypotheses, the share with identical attention words, and each engine's BLEU (sacrebleu 13a
on the postprocessed hypotheses against the raw reference, as the score rule does; on train,
against the length filter's kept targets postprocessed the same way).
`generate.backend: ctranslate2` may be the default only if hypotheses and words agree on
>= 99 % of sentences.

    .venv/bin/python bench/decode_backend.py --experiment gettext --split valid [--directory RUN]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ielearn.config import experiment_settings, load_config  # noqa: E402
from ielearn.io import read_lines  # noqa: E402
from ielearn.layout import data_dir, iteration_dir  # noqa: E402
from ielearn.nmt.ctranslate2_backend import convert_checkpoint, decode_splits_ctranslate2  # noqa: E402
from ielearn.nmt.decode import decode_splits  # noqa: E402
from ielearn.nmt.postprocess import postprocess_file  # noqa: E402
from ielearn.nmt.score import bleu_json  # noqa: E402

KINDS = ("hyp", "pos", "words")


def timed(decode):
    start = time.perf_counter()
    decode()
    return time.perf_counter() - start


def share(a, b):
    return sum(x == y for x, y in zip(a, b)) / len(a)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--experiment", default="gettext")
    parser.add_argument("--iteration", type=int, default=0)
    parser.add_argument("--split", default="valid")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--directory", default=str(REPO), help="the run's directory (config.yaml, results/)")
    options = parser.parse_args()
    run = Path(options.directory)
    config = load_config(run / "config.yaml")
    experiment = experiment_settings(config, options.experiment)
    language = config["datasets"][experiment["dataset"]]["tgt_lang"]  # postprocessing detokenises for it
    generate, k = experiment["generate"], options.iteration
    model_dir = run / iteration_dir(options.experiment, "", "", k)
    data = run / data_dir(options.experiment)
    source = data / "bpe" / f"{options.split}.src"
    text = source if k == 0 else model_dir / "input" / f"{options.split}.src"
    origin = None if k == 0 else model_dir / "input" / f"{options.split}.origin"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        converted = convert_checkpoint(model_dir / "model/best.pt", model_dir / "bin", tmp / "ctranslate2")
        conversion = time.perf_counter() - start

        def paths(engine):
            return {options.split: {"input_path": text, "source_path": source, "origin_path": origin,
                                    "out_paths": {kind: tmp / f"{engine}.{kind}" for kind in KINDS}}}

        def fairseq():
            decode_splits(model_dir / "bin", model_dir / "model/best.pt", paths("fairseq"),
                          beam=generate["beam"], max_tokens=generate["max_tokens"],
                          max_len_a=generate["max_len_a"], max_len_b=generate["max_len_b"])

        def ctranslate2():
            decode_splits_ctranslate2(converted, paths("ctranslate2"), beam=generate["beam"],
                                      max_tokens=generate["max_tokens"], max_len_b=generate["max_len_b"])

        times = {"fairseq": [], "ctranslate2": []}
        for _ in range(options.repeats):
            times["fairseq"].append(timed(fairseq))
            times["ctranslate2"].append(timed(ctranslate2))
        out = {engine: {kind: read_lines(tmp / f"{engine}.{kind}") for kind in KINDS} for engine in times}
        reference = data / "raw" / f"{options.split}.tgt"
        if options.split == "train":  # the length filter dropped pairs: the kept targets, postprocessed as the hypotheses
            reference = tmp / "reference.txt"
            postprocess_file(data / "bpe" / "train.tgt", reference, language)
        bleu = {}
        for engine in times:
            postprocess_file(tmp / f"{engine}.hyp", tmp / f"{engine}.txt", language)
            bleu[engine] = bleu_json(tmp / f"{engine}.txt", reference)["score"]
    sentences = len(out["fairseq"]["hyp"])
    median = {engine: statistics.median(values) for engine, values in times.items()}
    print(f"model: {model_dir}/model/best.pt; split: {options.split} ({sentences} sentences); "
          f"beam {generate['beam']}; one thread each; {options.repeats} alternating repeats, model load included")
    print(f"CTranslate2 conversion (once per model): {conversion:.1f} s")
    for engine in times:
        print(f"{engine:12s} decode: median {median[engine]:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times[engine])}); BLEU {bleu[engine]:.2f}")
    print(f"speed ratio fairseq / CTranslate2: {median['fairseq'] / median['ctranslate2']:.2f}x")
    hyps = share(out["fairseq"]["hyp"], out["ctranslate2"]["hyp"])
    words = share(out["fairseq"]["words"], out["ctranslate2"]["words"])
    print(f"identical hypotheses: {hyps:.2%}; identical attention words: {words:.2%}; "
          f"BLEU difference (CTranslate2 - fairseq): {bleu['ctranslate2'] - bleu['fairseq']:+.2f}")
    verdict = "may be the default" if min(hyps, words) >= 0.99 else "stays opt-in"
    print(f"generate.backend ctranslate2 {verdict} (default only if both >= 99 %)")


if __name__ == "__main__":
    main()
