"""Arch `fconv` and the `positions` option: defaults, validation, fairseq-train flags."""

import copy

import pytest
from fairseq import options
from fairseq.models import ARCH_MODEL_REGISTRY

from conftest import TINY_CONFIG
from ielearn.config import validate_config
from ielearn.errors import UserError
from ielearn.nmt.commands import PLUGIN_DIR
from ielearn.nmt.train import fairseq_task, training_args


def experiment(**settings):
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"] = {"dataset": "tiny", **settings}
    return validate_config(config)["experiments"]["tiny"]


def fairseq_train_args(exp):
    """What fairseq-train itself parses from our flags (the plugin given, as the rules do)."""
    flags = training_args(exp["arch"], exp["model"], exp["train"], exp["seed"], exp["positions"])
    parser = options.get_training_parser()
    return options.parse_args_and_arch(parser, ["data", *flags, "--user-dir", PLUGIN_DIR])


def test_positions_default_off_and_fconv_takes_the_papers_convs2s_settings():
    assert experiment()["positions"] is False
    train = experiment(arch="fconv")["train"]
    assert (train["lr"], train["clip_norm"], train["dropout"], train["max_tokens"]) == (0.25, 0.1, 0.2, 4000)


def test_fconv_flags_as_fairseq_parses_them():
    args = fairseq_train_args(experiment(arch="fconv"))
    assert args.arch == "fconv_iwslt_de_en" and args.task == "translation"
    assert args.optimizer == "nag" and args.momentum == 0.99 and args.lr_scheduler == "fixed"
    assert args.lr == [0.25] and args.clip_norm == 0.1 and args.dropout == 0.2
    assert args.max_tokens == 4000
    assert args.encoder_layers == "[(256, 3)] * 4" and args.decoder_layers == "[(256, 3)] * 3"


def test_transformer_flags_as_fairseq_parses_them():
    args = fairseq_train_args(experiment(arch="transformer"))
    assert args.arch == "transformer_iwslt_de_en"
    assert args.optimizer == "adam" and args.lr_scheduler == "inverse_sqrt"
    assert args.lr == [5e-4] and args.warmup_updates == 4000 and args.max_tokens == 5000


@pytest.mark.parametrize("arch,model", [("transformer", "TransformerWithPositions"),
                                        ("fconv", "FConvWithPositions")])
def test_positions_select_the_plugin_task_and_model(arch, model):
    args = fairseq_train_args(experiment(arch=arch, positions=True, model={"embed_dim": 32, "layers": 1}))
    assert args.task == fairseq_task(True) == "ielearn_translation_positions"
    assert args.arch == f"ielearn_{arch}_iwslt_de_en" and ARCH_MODEL_REGISTRY[args.arch].__name__ == model
    assert args.encoder_embed_dim == 32


@pytest.mark.parametrize("key", ["heads", "ffn_dim"])
def test_transformer_only_sizes_are_refused_for_fconv(key):
    with pytest.raises(UserError, match=rf"experiments\.tiny\.model\.{key}: not a setting of arch 'fconv'"):
        experiment(arch="fconv", model={key: 2})


def test_positions_must_be_a_boolean():
    with pytest.raises(UserError, match=r"experiments\.tiny\.positions: 'yes' is not of type 'boolean'"):
        experiment(positions="yes")
