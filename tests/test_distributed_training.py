"""Multi-GPU training: the flags ielearn adds for the GPUs a job sees, as fairseq reads them."""

import pytest
from fairseq import options

from ielearn.nmt.train import distributed_args


@pytest.mark.parametrize("gpus", [0, 1])
def test_cpu_or_one_gpu_adds_no_flag(gpus):
    assert distributed_args(gpus) == []


@pytest.mark.parametrize("gpus", [2, 4])
def test_several_gpus_set_fairseqs_world_size(gpus):
    parser = options.get_training_parser()
    args = options.parse_args_and_arch(
        parser, ["data-bin", "--arch", "transformer", *distributed_args(gpus)]
    )
    assert args.distributed_world_size == gpus
