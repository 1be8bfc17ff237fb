"""Run names: seeds, controls and noise runs, and where their baselines live."""

import pytest

from ielearn.design import noise_run, replicates
from ielearn.nmt.runs import noise_of, parse_run, seed_of

EXPERIMENT = {"seed": 1, "seeds": [4, 9], "noise": 0.0}


def test_run_names_parse_into_experiment_seed_and_variant():
    assert parse_run("demo") == parse_run("demo")
    run = parse_run("demo/seed_9/control_random")
    assert (run.experiment, run.seed, run.control, run.replicate) == ("demo", 9, "random", "demo/seed_9")
    run = parse_run("demo/noise_50")
    assert (run.seed, run.noise_percent, run.control, run.name) == (None, 50, None, "demo/noise_50")
    with pytest.raises(ValueError, match="not a run name"):
        parse_run("demo/control_other")


def test_the_first_seed_keeps_the_plain_paths():
    assert replicates("demo", EXPERIMENT) == [(4, "demo"), (9, "demo/seed_9")]
    assert replicates("demo", {"seed": 3, "seeds": None}) == [(3, "demo")]
    assert seed_of("demo/control_none", EXPERIMENT) == 4
    assert seed_of("demo/seed_9/noise_20", EXPERIMENT) == 9


def test_noise_runs_reuse_the_experiment_at_its_own_rate():
    assert noise_run("demo/seed_9", 0, EXPERIMENT) == "demo/seed_9"
    assert noise_run("demo", 50, EXPERIMENT) == "demo/noise_50"
    assert noise_run("demo", 100, EXPERIMENT) == "demo/noise_100"


def test_full_noise_reuses_the_random_control():
    with_control = {**EXPERIMENT, "controls": ["random", "none"]}
    assert noise_run("demo/seed_9", 100, with_control) == "demo/seed_9/control_random"
    assert noise_run("demo", 50, with_control) == "demo/noise_50"
    assert noise_of("demo/noise_50", EXPERIMENT) == 0.5
    assert noise_of("demo/control_random", {"noise": 0.1}) == 0.1
