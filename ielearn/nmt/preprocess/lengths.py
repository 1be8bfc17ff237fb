"""Valid and test lines too long for the model, found when their length in subword tokens is
first known (the apply_bpe stage), before any training.

fairseq refuses a valid/test sentence longer than the model's positions or a batch's
max_tokens: training stops at its first validation, decoding after the whole training, with
advice (`--skip-invalid-size-inputs-valid-test`) that would silently drop the sentence.
A source line must also leave room for what the bootstrap appends: x' = x (+ separator) + one
word per hypothesis token, and a hypothesis has at most min(max_len_a * |x'| + max_len_b,
positions - 1) tokens (fairseq's SequenceGenerator). Train lines are filtered by `max_len`.
"""

from ielearn.errors import UserError

FAIRSEQ_MAX_POSITIONS = 1024  # transformer_iwslt_de_en and fconv_iwslt_de_en, both sides


def _flag(args, name, default):
    """The value of `name` in a list of fairseq flags (the last one wins, as in argparse)."""
    values = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == name]
    return int(values[-1]) if values else default


def model_limits(experiment):
    """{"src": most subword tokens a valid/test source line may have, "tgt": ... target line}."""
    extra = [*experiment["train"]["extra_args"], *experiment["finetune"]["extra_args"]]
    positions = {"src": _flag(extra, "--max-source-positions", FAIRSEQ_MAX_POSITIONS),
                 "tgt": _flag(extra, "--max-target-positions", FAIRSEQ_MAX_POSITIONS)}
    batch = min(experiment["train"]["max_tokens"], experiment["finetune"]["max_tokens"],
                experiment["generate"]["max_tokens"])
    longest = {side: min(positions[side], batch) - 1 for side in positions}  # - 1: the EOS
    return {"src": _longest_source(experiment, longest["src"], positions["tgt"]),
            "tgt": longest["tgt"]}


def line_limit(experiment, split, side):
    """Most subword tokens a line of (split, side) may have; None for train (`max_len`
    filters it)."""
    return None if split == "train" else model_limits(experiment)[side]


def reported_file(dataset, wildcards):
    """The file a valid/test line number refers to: the user's own, else the raw split."""
    if dataset["source"] == "files":
        return dataset[wildcards.split][wildcards.side]
    return f"results/{wildcards.exp}/data/raw/{wildcards.split}.{wildcards.side}"


def _source_fits(n, experiment, longest, target_positions):
    length = n
    separator = 1 if experiment["separator"] else 0
    for _ in range(experiment["bootstrap"]):  # x'_k = x + words of model k-1's hypothesis of x'_{k-1}
        words = min(int(experiment["generate"]["max_len_a"] * length
                        + experiment["generate"]["max_len_b"]), target_positions - 1)
        length = n + separator + words
    return length <= longest


def _longest_source(experiment, longest, target_positions):
    n = longest
    while n > 0 and not _source_fits(n, experiment, longest, target_positions):
        n -= 1
    return n


def check_lengths(lines, limit, raw_path, side):
    """UserError naming the raw file and line of the first line with more than `limit` tokens
    (lines of valid and test are never dropped, so their numbers are the raw file's)."""
    for number, line in enumerate(lines, 1):
        tokens = len(line.split())
        if tokens > limit:
            room = " (leaving room for the words the bootstrap appends)" if side == "src" else ""
            raise UserError(
                f"{raw_path} line {number}: {tokens} subword tokens, but this experiment's model "
                f"reads at most {limit}{room}; split that sentence in both files of the pair "
                "or remove the pair, or lower generate.max_len_b / raise max_tokens in config.yaml"
            )
