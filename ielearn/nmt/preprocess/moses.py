"""Moses tokenisation and its inverse (sacremoses), as in the paper's preprocessing."""

from sacremoses import MosesDetokenizer, MosesTokenizer

from ielearn.io import atomic_write, read_lines
from ielearn.progress import progress


def tokenize_line(tokenizer, line):
    # -a (aggressive dash splitting) as the paper's scripts; escaping as tokenizer.perl does.
    return tokenizer.tokenize(line, aggressive_dash_splits=True, return_str=True, escape=True)


def tokenize_file(in_path, out_path, lang):
    """Moses-tokenise every line of `in_path` into `out_path` (line-aligned)."""
    tokenizer = MosesTokenizer(lang=lang)
    lines = read_lines(in_path)
    with atomic_write(out_path) as out:
        for line in progress(lines, f"tokenize {in_path}"):
            out.write(tokenize_line(tokenizer, line) + "\n")


def detokenize_line(detokenizer, line):
    return detokenizer.detokenize(line.split(), unescape=True)


def make_detokenizer(lang):
    return MosesDetokenizer(lang=lang)
