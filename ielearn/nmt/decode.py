"""Beam search with fairseq that also yields the attention positions and words.

The alignment is fairseq's own hard alignment (`utils.extract_hard_alignment`, as
`fairseq-generate --print-alignment hard` prints it): the decoder's cross-attention that
beam search records for each hypothesis, argmax over non-pad, non-EOS source tokens. No
second forward pass. Unlike fairseq's SequenceGeneratorWithAlignment, which extracts an
alignment for every one of the beam's hypotheses, it is extracted for the best only.
"""

import logging
from dataclasses import dataclass

import torch
from fairseq import checkpoint_utils, options, tasks, utils
from fairseq.dataclass.utils import convert_namespace_to_omegaconf
from omegaconf import OmegaConf
from tqdm import tqdm

from ielearn.nmt.commands import PLUGIN_DIR
from ielearn.nmt.decode_files import positions_in_source, read_decode_files, write_decode_files

log = logging.getLogger(__name__)


def generation_cfg(data_dir, checkpoint, beam, max_tokens, max_len_a, max_len_b, task="translation"):
    """The same configuration object `fairseq-generate` builds from these flags.

    `task` is the one the model was trained with: with `ielearn_translation_positions` every
    batch carries the source position ids, which the plugin models' encoders embed.
    """
    parser = options.get_generation_parser()
    args = options.parse_args_and_arch(
        parser,
        [str(data_dir), "--path", str(checkpoint), "--user-dir", PLUGIN_DIR,
         "--task", task, "--source-lang", "src", "--target-lang", "tgt",
         "--beam", str(beam), "--max-tokens", str(max_tokens),
         "--max-len-a", str(max_len_a), "--max-len-b", str(max_len_b),
         # makes prepare_for_inference_ keep the attention (fconv drops it otherwise)
         "--print-alignment", "hard",
         # the default multiple of 8 can yield no batch at all on a small split
         "--required-batch-size-multiple", "1"],
    )
    return convert_namespace_to_omegaconf(args)


@dataclass
class Translator:
    """fairseq's task and models, loaded once for every split a job decodes."""

    cfg: object
    task: object
    models: list
    saved_cfg: object
    use_cuda: bool


def load_translator(cfg, threads=1):
    torch.set_num_threads(threads)
    utils.import_user_module(cfg.common)
    use_cuda = torch.cuda.is_available() and not cfg.common.cpu
    task = tasks.setup_task(cfg.task)
    models, saved_cfg = checkpoint_utils.load_model_ensemble(
        utils.split_paths(cfg.common_eval.path), task=task
    )
    for model in models:
        if use_cuda:
            model.cuda()
        model.prepare_for_inference_(cfg)
    return Translator(cfg, task, models, saved_cfg, use_cuda)


def generate_with_alignment(translator, split):
    """Yield (sentence id, source length without EOS, hypothesis as BPE text, alignment pairs)
    for every sentence of the split, in fairseq's batch order."""
    cfg, task, models = translator.cfg, translator.task, translator.models
    task.load_dataset(split, task_cfg=translator.saved_cfg.task)
    dataset = task.dataset(split)
    batches = task.get_batch_iterator(
        dataset=dataset,
        max_tokens=cfg.dataset.max_tokens,
        max_positions=utils.resolve_max_positions(
            task.max_positions(), *[m.max_positions() for m in models]
        ),
        required_batch_size_multiple=cfg.dataset.required_batch_size_multiple,
        seed=cfg.common.seed,
    ).next_epoch_itr(shuffle=False)
    # a plain generator: fairseq's WithAlignment variant would extract an alignment for
    # every hypothesis of the beam; only the best one's is needed
    generator = task.build_generator(
        models, OmegaConf.merge(cfg.generation, {"print_alignment": None})
    )
    tgt_dict = task.target_dictionary
    bar = tqdm(total=len(dataset), desc=f"decode {split}", unit=" sentences", mininterval=5)
    with torch.inference_mode():
        for sample in batches:
            if translator.use_cuda:
                sample = utils.move_to_cuda(sample)
            hypos = task.inference_step(generator, models, sample)
            src_tokens = sample["net_input"]["src_tokens"].cpu()
            src_lengths = sample["net_input"]["src_lengths"].tolist()
            for i, sentence_id in enumerate(sample["id"].tolist()):
                best = hypos[i][0]
                tokens = best["tokens"].int().cpu()
                alignment = utils.extract_hard_alignment(
                    best["attention"].transpose(1, 0).float().cpu(),
                    src_tokens[i], tokens, tgt_dict.pad(), tgt_dict.eos(),
                )
                _, hyp_text, _ = utils.post_process_prediction(
                    hypo_tokens=tokens,
                    src_str="",
                    alignment=None,
                    align_dict=None,
                    tgt_dict=tgt_dict,
                    remove_bpe=None,
                )
                # src_lengths counts the EOS fairseq appends to every source sentence
                yield sentence_id, src_lengths[i] - 1, hyp_text, alignment
            bar.update(len(sample["id"]))
    bar.close()


def decode_splits(
    data_dir, checkpoint, splits, beam=5, max_tokens=12000, max_len_a=0, max_len_b=200,
    threads=1, task="translation",
):
    """Translate binarised splits with one load of fairseq and the model (a job decodes valid
    and test together: the score needs both). `splits`: {split: its paths}, the arguments of
    `decode_text` (input_path, source_path, out_paths, origin_path)."""
    cfg = generation_cfg(data_dir, checkpoint, beam, max_tokens, max_len_a, max_len_b, task=task)
    translator = load_translator(cfg, threads)
    for split, paths in splits.items():
        decode_text(translator, data_dir, split, **paths)


def decode_text(translator, data_dir, split, input_path, source_path, out_paths, origin_path=None):
    """Translate one binarised split and write its .hyp, .pos and .words (decode_files.py).

    `input_path` is the text the model reads (x, or x plus appended words), `origin_path`
    the index in x of each of its tokens (None = identity), `source_path` the BPE source x.
    """
    files = read_decode_files(input_path, source_path, origin_path)
    results = {}
    for sentence_id, src_length, hyp_text, alignment in generate_with_alignment(translator, split):
        if src_length != len(files.inputs[sentence_id]):
            raise RuntimeError(
                f"{data_dir} {split} sentence {sentence_id} has {src_length} tokens but line "
                f"{sentence_id + 1} of {input_path} has {len(files.inputs[sentence_id])}: "
                "binarised data and text are out of step; rerun the binarize rule"
            )
        results[sentence_id] = (hyp_text, positions_in_source(files, sentence_id, alignment, hyp_text))
    write_decode_files(files, results, out_paths, "fairseq")
