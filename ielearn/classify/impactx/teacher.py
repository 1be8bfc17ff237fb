"""The teacher's per-word scores for IMPACTX's training set: one JSON object per line,
{"words": [...], "scores": [...]}, in the order of the examples file (the extraction stage's
score export), each checked against the words the student's tokenizer finds in its example."""

import json
from pathlib import Path

from ielearn.classify.explain.words import input_words, word_text
from ielearn.classify.impactx.targets import normalised
from ielearn.errors import UserError
from ielearn.io import read_lines


def example_key(example):
    return example.text_a, example.text_b


def read_teacher_maps(path, examples, tokenizer, max_length):
    """{(text_a, text_b): normalised scores, one per word} of `examples`; a clear error where a
    line is missing, malformed, or names other words than the example's."""
    if not Path(path).is_file():
        raise UserError(f"{path}: the teacher's per-word scores were not extracted; run the extraction that writes "
                        "them (snakemake <this path>: the teacher explainer on the baseline, iteration 1) or set "
                        "impactx.teacher to an explainer whose scores are there")
    lines = read_lines(path)
    if len(lines) != len(examples):
        raise UserError(f"{path}: {len(lines)} score rows for {len(examples)} examples; rerun the extraction "
                        "that wrote it (the teacher's scores must cover the training examples, in order)")
    maps = {}
    for number, (line, example) in enumerate(zip(lines, examples), start=1):
        try:
            row = json.loads(line)
            words, scores = list(row["words"]), [float(s) for s in row["scores"]]
        except (ValueError, KeyError, TypeError) as error:
            raise UserError(f"{path}, line {number}: not a score row ({error}); rerun the extraction") from None
        texts = (example.text_a, example.text_b)
        expected = [word_text(w, texts) for w in input_words(tokenizer, *texts, max_length=max_length)]
        if words != expected or len(scores) != len(words):
            raise UserError(f"{path}, line {number}: the scores are for the words {words}, but the example reads "
                            f"{expected}; the scores come from another examples file or tokenizer: rerun the "
                            "teacher's extraction on this training set")
        maps.setdefault(example_key(example), normalised(scores))
    return maps
