"""Hypotheses back to plain text: remove BPE, detruecase, detokenise (the preprocessing in reverse)."""

from ielearn.io import read_lines, write_lines
from ielearn.nmt.preprocess.bpe import remove_bpe
from ielearn.nmt.preprocess.moses import detokenize_line, make_detokenizer
from ielearn.nmt.preprocess.truecase import detruecase_line, make_detruecaser


def postprocess_file(hyp_path, out_path, lang):
    detruecaser, detokenizer = make_detruecaser(), make_detokenizer(lang)
    lines = []
    for hyp in read_lines(hyp_path):
        text = remove_bpe(hyp)
        lines.append(detokenize_line(detokenizer, detruecase_line(detruecaser, text)))
    write_lines(out_path, lines)
