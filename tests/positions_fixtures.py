"""Tiny binarised data with attention-position ids, and fairseq tasks/models built in-process
exactly as fairseq-train builds them from ielearn's own training flags."""

import random
import shutil
from contextlib import contextmanager

import torch
from fairseq import options, tasks
from fairseq.dataclass.configs import GenerationConfig
from fairseq.dataclass.utils import convert_namespace_to_omegaconf

import ielearn.nmt.fairseq_plugin  # noqa: F401  (registers the task and models)
from ielearn.nmt.config import ARCH_TRAIN_DEFAULTS
from ielearn.io import write_lines
from ielearn.nmt.binarize import SPLITS, binarize, build_dictionaries
from ielearn.nmt.fairseq_plugin.source_positions import positions_prefix, write_positions
from ielearn.nmt.train import training_args

SIZES = {"embed_dim": 16, "layers": 2}
MODEL_SIZES = {"transformer": {**SIZES, "ffn_dim": 32, "heads": 2}, "fconv": SIZES}


def make_text(directory, seed=0, sentences=60):
    """x' = x + words of x (like the enrich stage) with their origins; mixed lengths."""
    rng = random.Random(seed)
    files, origins = {}, {}
    for split in SPLITS:
        src, tgt, origin = [], [], []
        for _ in range(sentences):
            x = [f"s{rng.randrange(25)}" for _ in range(rng.randint(1, 12))]
            rho = [rng.randrange(len(x)) for _ in range(rng.randint(1, 4))]
            src.append(" ".join(x + [x[p] for p in rho]))
            origin.append(" ".join(map(str, list(range(len(x))) + rho)))
            tgt.append(" ".join(f"t{rng.randrange(25)}" for _ in range(rng.randint(1, 12))))
        for side, lines in (("src", src), ("tgt", tgt)):
            files[(split, side)] = directory / f"{split}.{side}"
            write_lines(files[(split, side)], lines)
        origins[split] = directory / f"{split}.origin"
        write_lines(origins[split], origin)
    return files, origins


def make_data(directory):
    """bin_attention: ids from the .origin files; bin_default: the same data, ids 0..len-1."""
    files, origins = make_text(directory)
    build_dictionaries(files[("train", "src")], files[("train", "tgt")], directory / "dict")
    binarize(files, directory / "dict", directory / "bin_attention", origins=origins)
    shutil.copytree(directory / "bin_attention", directory / "bin_default")
    for split in SPLITS:
        lengths = [len(line.split()) for line in files[(split, "src")].read_text().splitlines()]
        write_positions(positions_prefix(directory / "bin_default", split),
                        [list(range(n)) for n in lengths])
    return files, origins


def training_cfg(data_dir, arch, positions, seed=1):
    hp = {**ARCH_TRAIN_DEFAULTS[arch], "max_tokens": 60}
    flags = training_args(arch, MODEL_SIZES[arch], hp, seed, positions=positions)
    parser = options.get_training_parser()
    args = options.parse_args_and_arch(parser, [str(data_dir), *flags, "--cpu"])
    return convert_namespace_to_omegaconf(args)


def task_model_criterion(data_dir, arch, positions, seed=1):
    """What fairseq-train builds: task, model (seeded as fairseq seeds it), criterion."""
    cfg = training_cfg(data_dir, arch, positions, seed)
    task = tasks.setup_task(cfg.task)
    torch.manual_seed(seed)
    model = task.build_model(cfg.model)
    return task, model, task.build_criterion(cfg.criterion)


def batches(task, split, max_tokens=60, max_positions=(1024, 1024), shuffle=False):
    """fairseq's batches: length filter (as --skip-invalid-size-inputs-valid-test), sort."""
    task.load_dataset(split)
    return list(task.get_batch_iterator(
        dataset=task.dataset(split), max_tokens=max_tokens, max_positions=max_positions,
        ignore_invalid_inputs=True, seed=1, required_batch_size_multiple=1,
    ).next_epoch_itr(shuffle=shuffle))


def generator(task, model, beam=2):
    cfg = GenerationConfig(beam=beam, max_len_a=0, max_len_b=8, print_alignment="hard")
    return task.build_generator([model], cfg)


@contextmanager
def encoder_outputs(model):
    """Record every encoder output, however it is reached (fairseq's generator calls
    `encoder.forward` directly, bypassing module hooks)."""
    recorded = []
    original = model.encoder.forward

    def recording_forward(*args, **kwargs):
        out = original(*args, **kwargs)
        recorded.append(out["encoder_out"][0].detach().clone())
        return out

    model.encoder.forward = recording_forward
    try:
        yield recorded
    finally:
        del model.encoder.forward
