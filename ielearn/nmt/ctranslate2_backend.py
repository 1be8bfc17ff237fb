"""Translation with CTranslate2 (`generate.backend: ctranslate2`): the same beam search and
the same attention rule as ielearn/nmt/decode.py, on a converted copy of the fairseq model.

- `convert_checkpoint` converts a fairseq checkpoint once (a cached stage, rules/nmt.smk)
  with CTranslate2's own fairseq converter. One setting is ours: the converter takes the
  attention it returns from the checkpoint's `alignment_heads`, which fairseq's Transformer
  config sets to 1 (the first head: meant for training alignment models), while fairseq's
  beam search records the last layer's cross-attention averaged over all heads (its
  decoder's alignment_heads is None at inference). So the converted model returns the last
  layer (-1) averaged over all heads (0), fairseq's own rule.
- `decode_splits_ctranslate2` translates the text the model reads and takes, for each
  hypothesis token, the argmax of that attention over the input's tokens (the source EOS
  that CTranslate2 appends is not among them, as fairseq's hard alignment leaves it out),
  then resolves appended tokens to their origin in x (decode_files.py).
The converter covers fairseq's `transformer` models only: the positions plugin's models and
ConvS2S stay on fairseq (the config check says so).
"""

import shutil
from pathlib import Path

from ielearn.errors import UserError
from ielearn.nmt.decode_files import positions_in_source, read_decode_files, write_decode_files

INSTALL = "ctranslate2==4.8.5 (pinned in pyproject.toml: `make install` installs it)"
LAST_LAYER, ALL_HEADS = -1, 0  # CTranslate2's alignment_layer / alignment_heads (0: their mean)


def _ctranslate2():
    try:
        import ctranslate2
    except ImportError:
        raise UserError(
            f"generate.backend is 'ctranslate2' but the ctranslate2 package is not installed: "
            f"pip install {INSTALL}, or set generate.backend: fairseq"
        ) from None
    return ctranslate2


def convert_checkpoint(checkpoint, data_dir, out_dir):
    """Convert a fairseq checkpoint (and the dictionaries in its binarised `data_dir`) into a
    CTranslate2 model directory. Written beside `out_dir` first and renamed when complete, so
    an interrupted conversion leaves nothing that looks finished."""
    _ctranslate2()
    import numpy as np
    from ctranslate2.converters.fairseq import FairseqConverter

    from ielearn.nmt.commands import PLUGIN_DIR
    from ielearn.nmt.fairseq_plugin.safe_loading import allow_fairseq_checkpoint_globals

    class AttentionOfBeamSearch(FairseqConverter):
        def _load(self):
            spec = super()._load()
            spec.decoder.alignment_layer = np.dtype("int16").type(LAST_LAYER)
            spec.decoder.alignment_heads = np.dtype("int16").type(ALL_HEADS)
            return spec

    allow_fairseq_checkpoint_globals()  # torch.load with weights only, as fairseq's own loading here
    out_dir = Path(out_dir)
    partial = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    converter = AttentionOfBeamSearch(str(checkpoint), str(data_dir), source_lang="src",
                                      target_lang="tgt", user_dir=PLUGIN_DIR)
    converter.convert(str(partial), force=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    partial.rename(out_dir)
    return out_dir


def load_translator(model_dir, threads=1):
    ctranslate2 = _ctranslate2()
    device = "cuda" if ctranslate2.get_cuda_device_count() else "cpu"
    return ctranslate2.Translator(str(model_dir), device=device, inter_threads=1, intra_threads=threads)


def hard_alignment(attention, input_length):
    """(source index, target index) per hypothesis token: the argmax of its attention row over
    the input's tokens (first of equal maxima)."""
    pairs = []
    for target, row in enumerate(attention):
        scores = row[:input_length]
        pairs.append((max(range(len(scores)), key=scores.__getitem__), target))
    return pairs


def decode_splits_ctranslate2(model_dir, splits, beam=5, max_tokens=12000, max_len_b=200, threads=1):
    """Translate each split's text as decode.decode_splits does (`splits`: {split: the
    arguments of decode_text_ctranslate2}). Hypotheses have at most `max_len_b` tokens
    (generate.max_len_a must be 0: the config check says so)."""
    translator = load_translator(model_dir, threads)
    for paths in splits.values():
        decode_text_ctranslate2(translator, beam=beam, max_tokens=max_tokens, max_len_b=max_len_b, **paths)


def decode_text_ctranslate2(translator, input_path, source_path, out_paths, origin_path=None,
                            beam=5, max_tokens=12000, max_len_b=200):
    files = read_decode_files(input_path, source_path, origin_path)
    # fairseq's min_len 1 (no empty hypothesis), length-normalised scores, batches of max_tokens
    search = {"return_attention": True, "min_decoding_length": 1, "max_batch_size": max_tokens,
              "batch_type": "tokens"}
    translations = translator.translate_batch(files.inputs, beam_size=beam,
                                              max_decoding_length=max_len_b, **search)
    # CTranslate2 4.8.5 returns the first step's attention of another sentence of the batch
    # when beam > 1 (it runs that step with one beam and expands after it; measured: 7 of 8
    # sentences wrong in a batch, all right one at a time). That step's query is the start
    # token for every beam, so one greedy step gives its attention; the later steps are right.
    first_steps = translator.translate_batch(files.inputs, beam_size=1, max_decoding_length=1, **search)
    results = {}
    for sentence_id, (translation, first) in enumerate(zip(translations, first_steps)):
        tokens = translation.hypotheses[0]
        attention = [first.attention[0][0], *translation.attention[0][1:]]
        if len(attention) != len(tokens):
            raise RuntimeError(f"CTranslate2 gave {len(attention)} attention rows for the "
                               f"{len(tokens)} tokens of line {sentence_id + 1} of {input_path}")
        hyp_text = " ".join(tokens)
        alignment = hard_alignment(attention, len(files.inputs[sentence_id]))
        results[sentence_id] = (hyp_text, positions_in_source(files, sentence_id, alignment, hyp_text))
    write_decode_files(files, results, out_paths, "CTranslate2")
