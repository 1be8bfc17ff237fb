"""Corpus BLEU with sacrebleu (13a), saved as the JSON `sacrebleu -f json` prints."""

import json

from sacrebleu.metrics import BLEU

from ielearn.io import read_lines, write_json


def bleu_json(hyp_path, ref_path):
    """sacrebleu's JSON record (score, signature, verbose score) for one system output."""
    hyps, refs = read_lines(hyp_path), read_lines(ref_path)
    if len(hyps) != len(refs):
        raise RuntimeError(f"{hyp_path} has {len(hyps)} lines, {ref_path} has {len(refs)}")
    bleu = BLEU(tokenize="13a")
    score = bleu.corpus_score(hyps, [refs])
    return json.loads(score.format(signature=str(bleu.get_signature()), is_json=True))


def write_bleu(hyp_path, ref_path, out_path):
    record = bleu_json(hyp_path, ref_path)
    write_json(out_path, record)
    return record["score"]
