"""What a decode job reads and writes, whichever engine translates (ielearn/nmt/decode.py:
fairseq; ielearn/nmt/ctranslate2_backend.py: CTranslate2). Plain Python: no torch.

A decode of one split reads the text the model reads (x, or x plus appended words), the BPE
source x and the origin in x of each input token; it writes, line-aligned with the input,
the BPE hypotheses (.hyp), the attention positions ρ into x (.pos) and the attention words
α = x[ρ] (.words).
"""

from dataclasses import dataclass

from ielearn.errors import UserError
from ielearn.io import read_lines, write_lines
from ielearn.nmt.attention import identity_origin, positions_per_target, resolve_positions, words_at


@dataclass
class DecodeFiles:
    input_path: str
    inputs: list  # the tokens the model reads, per sentence
    sources: list  # the BPE source x, per sentence
    origins: list  # per sentence, the index in x of each input token


def read_decode_files(input_path, source_path, origin_path=None):
    """`origin_path` None: the model reads x itself (the baseline)."""
    sources = [line.split() for line in read_lines(source_path)]
    origins = (
        [[int(i) for i in line.split()] for line in read_lines(origin_path)]
        if origin_path
        else [identity_origin(len(tokens)) for tokens in sources]
    )
    return DecodeFiles(str(input_path), [line.split() for line in read_lines(input_path)], sources, origins)


def positions_in_source(files, sentence_id, alignment, hyp_text):
    """The attention positions into x of one hypothesis, from (src, tgt) hard-alignment pairs
    over the model's input; an empty source line has nothing to attend to, so no positions."""
    if not files.inputs[sentence_id]:
        return []
    model_positions = positions_per_target(alignment, len(hyp_text.split()))
    return resolve_positions(model_positions, files.origins[sentence_id])


def write_decode_files(files, results, out_paths, engine):
    """`results`: {sentence id: (BPE hypothesis, positions into x)}; every sentence must have one."""
    missing = sorted(set(range(len(files.inputs))) - set(results))
    if missing:
        raise UserError(
            f"{engine} returned no translation for {len(missing)} of {len(files.inputs)} sentences of "
            f"{files.input_path} (first: line {missing[0] + 1}); they are probably longer than the "
            "model's maximum positions"
        )
    ordered = [results[i] for i in range(len(files.inputs))]
    write_lines(out_paths["hyp"], [hyp for hyp, _ in ordered])
    write_lines(out_paths["pos"], [" ".join(map(str, pos)) for _, pos in ordered])
    write_lines(
        out_paths["words"],
        [" ".join(words_at(files.sources[i], pos)) for i, (_, pos) in enumerate(ordered)],
    )
