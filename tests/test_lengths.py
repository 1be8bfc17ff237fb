"""How long a valid/test line may be, from the experiment's model limits."""

import copy

import pytest

from conftest import TINY_CONFIG
from ielearn.config import validate_config
from ielearn.errors import UserError
from ielearn.nmt.preprocess.lengths import check_lengths, line_limit, model_limits


def experiment(**changes):
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"].update(changes)
    return validate_config(config)["experiments"]["tiny"]


def test_the_baseline_alone_may_use_every_position_but_the_eos():
    assert model_limits(experiment(bootstrap=0)) == {"src": 1023, "tgt": 1023}


def test_the_bootstrap_leaves_room_for_the_appended_words():
    # 1024 positions - EOS - max_len_b (200) words; a separator takes one more
    assert model_limits(experiment(bootstrap=2))["src"] == 823
    assert model_limits(experiment(bootstrap=2, separator="<sep>"))["src"] == 822
    # max_len_a = 0.5: n + 0.5 * (n + 0.5 n + 10) + 10 <= 1023 at the second iteration
    assert model_limits(experiment(bootstrap=2, generate={"max_len_a": 0.5, "max_len_b": 10}))["src"] == 576


def test_flags_and_batch_sizes_lower_the_limit():
    limits = model_limits(experiment(bootstrap=0, train={"extra_args": ["--max-target-positions", "64"]},
                                     generate={"max_tokens": 500}))
    assert limits == {"src": 499, "tgt": 63}
    assert line_limit(experiment(), "train", "src") is None


def test_the_first_long_line_is_named():
    check_lengths(["a b", "c"], 2, "test.fr", "tgt")
    with pytest.raises(UserError, match=r"test\.fr line 2: 3 subword tokens, .* at most 2;"):
        check_lengths(["a b", "c d e", "f g h i"], 2, "test.fr", "tgt")
