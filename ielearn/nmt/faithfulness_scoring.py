"""Score each test hypothesis with fairseq's SequenceScorer on the model's input as it is,
with the attended source tokens masked, with as many random ones masked, and with as many
random content words of x masked (ielearn/nmt/faithfulness.py chooses them: the two floors). Writes one row per sentence: the mean
log-probability per hypothesis token (natural log, EOS included) under each input.
"""

import torch
from fairseq import utils
from fairseq.data import data_utils
from fairseq.sequence_scorer import SequenceScorer

from ielearn.errors import UserError
from ielearn.io import atomic_write, read_lines
from ielearn.nmt.attention import identity_origin
from ielearn.nmt.decode import generation_cfg, load_translator
from ielearn.nmt.faithfulness import sentence_masks

COLUMNS = ("id", "hyp_tokens", "masked_attended", "masked_random", "masked_matched", "logprob_full",
           "logprob_attended", "logprob_random", "logprob_matched")
ARMS = ("attended", "random", "matched")  # the order of sentence_masks' columns


def _int_lines(path):
    return [[int(i) for i in line.split()] for line in read_lines(path)]


def with_hypotheses(sample, hypotheses, tgt_dict):
    """The batch with the sentences' hypotheses (token id tensors) as target."""
    targets = [hypotheses[i] for i in sample["id"].tolist()]
    pad, eos = tgt_dict.pad(), tgt_dict.eos()
    sample["target"] = data_utils.collate_tokens(targets, pad, eos, left_pad=False)
    sample["net_input"]["prev_output_tokens"] = data_utils.collate_tokens(
        targets, pad, eos, left_pad=False, move_eos_to_beginning=True)
    return sample


def masked(src_tokens, columns, unk, pad):
    """src_tokens with each row's `columns` (indices among that sentence's tokens) set to
    <unk>; the sentence's tokens are the row's non-pad ones, however the batch is padded."""
    tokens = src_tokens.clone()
    for row, chosen in enumerate(columns):
        if chosen:
            present = (tokens[row] != pad).nonzero().flatten()
            tokens[row, present[list(chosen)]] = unk
    return tokens


def score_faithfulness(data_dir, checkpoint, hyp_path, pos_path, source_path, out_path, origin_path=None,
                       seed=1, max_sentences=None, max_tokens=12000, task="translation", threads=1):
    cfg = generation_cfg(data_dir, checkpoint, 1, max_tokens, 0, 200, task=task)
    translator = load_translator(cfg, threads)
    fairseq_task, models = translator.task, translator.models
    fairseq_task.load_dataset("test", task_cfg=translator.saved_cfg.task)
    dataset = fairseq_task.dataset("test")
    tgt_dict = fairseq_task.target_dictionary
    unk, pad = fairseq_task.source_dictionary.unk(), fairseq_task.source_dictionary.pad()
    hypotheses = [tgt_dict.encode_line(line, add_if_not_exist=False, append_eos=True).long()
                  for line in read_lines(hyp_path)]
    positions = _int_lines(pos_path)
    count = len(hypotheses) if max_sentences is None else min(max_sentences, len(hypotheses))
    sources = [line.split() for line in read_lines(source_path)]  # x, whatever the model read
    # each input token's index in x: identity for the baseline, which reads x itself
    origins = _int_lines(origin_path) if origin_path else [identity_origin(len(x)) for x in sources]
    if not len(hypotheses) == len(positions) == len(origins) == len(dataset):
        raise UserError(f"{hyp_path}, {pos_path} and the origins hold {len(hypotheses)}, {len(positions)} and "
                        f"{len(origins)} lines for the {len(dataset)} test sentences of {data_dir}: stale "
                        "files; rerun the decode rule")
    masks = {i: sentence_masks(origins[i], positions[i], seed, i, sources[i]) for i in range(count)}
    indices = [i for i in dataset.ordered_indices() if i < count]
    scorer = SequenceScorer(tgt_dict)
    rows = {}
    with torch.inference_mode():
        for batch in dataset.batch_by_size(indices, max_tokens=max_tokens):
            sample = with_hypotheses(dataset.collater([dataset[i] for i in batch]), hypotheses, tgt_dict)
            if translator.use_cuda:
                sample = utils.move_to_cuda(sample)
            ids, net_input = sample["id"].tolist(), sample["net_input"]
            for i, length in zip(ids, net_input["src_lengths"].tolist()):
                if length - 1 != len(origins[i]):  # src_lengths counts the EOS
                    raise UserError(f"{data_dir} test sentence {i} has {length - 1} tokens, its origins "
                                    f"{len(origins[i])}: binarised data and text are out of step; rerun binarize")
            plain = net_input["src_tokens"]
            scores = {}
            for name, which in (("full", None), *((arm, n) for n, arm in enumerate(ARMS))):
                columns = [[] if which is None else masks[i][which] for i in ids]
                net_input["src_tokens"] = masked(plain, columns, unk, pad)
                scores[name] = [float(h[0]["score"]) for h in scorer.generate(models, sample)]
            for row, i in enumerate(ids):
                rows[i] = (i, len(hypotheses[i]), *(len(columns) for columns in masks[i]),
                           *(scores[name][row] for name in ("full", *ARMS)))
    if sorted(rows) != list(range(count)):
        raise RuntimeError(f"{data_dir}: fairseq scored {len(rows)} of {count} test sentences")
    with atomic_write(out_path) as out:
        out.write("\t".join(COLUMNS) + "\n")
        for i in range(count):
            out.write("\t".join(str(v) if isinstance(v, int) else f"{v:.6f}" for v in rows[i]) + "\n")
