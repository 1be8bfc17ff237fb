"""ielearn/workflow/params.py and bind.py: dict params in one order whatever config.yaml's
order (Snakemake compares a job's params by repr and reruns it on a change), and the bound
functions as Snakemake sees them."""

import pytest
from snakemake.common import get_input_function_aux_params
from types import SimpleNamespace

from workflow_config import workflow_config

from ielearn.config import validate_config
from ielearn.workflow import classify, classify_report, nmt, simulability
from ielearn.workflow.bind import bind
from ielearn.workflow.params import canonical


def reversed_keys(value):
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


def test_canonical_sorts_dicts_at_every_depth_and_keeps_sequences_in_order():
    value = {"b": [{"z": 1, "a": 2}, 3], "a": ({"y": None, "x": {"q": 1, "p": 2}},)}
    assert repr(canonical(value)) == "{'a': ({'x': {'p': 2, 'q': 1}, 'y': None},), 'b': [{'a': 2, 'z': 1}, 3]}"


PARAMS = [  # (params builder, wildcards, keyword arguments) of dict-valued params
    (nmt.get_setting, {"exp": "tiny"}, {"key": "generate"}),
    (nmt.get_training_plan, {"exp": "tiny", "seed_dir": "", "system_dir": "", "k": "1", "sweep": ""}, {}),
    (classify.get_train_settings, {"exp": "cls", "seed_dir": "", "system_dir": "", "k": "0", "sweep": ""}, {}),
    (classify.get_train_objective, {"exp": "cls", "seed_dir": "", "system_dir": "scc/", "k": "0"}, {}),
    (classify.get_shard_settings, {"exp": "cls", "seed_dir": "", "system_dir": "lime/", "k": "1"}, {}),
    (classify.get_setting, {"exp": "cls"}, {"key": "significance"}),
    (classify_report.get_quality_settings, {"exp": "cls", "seed_dir": ""}, {}),
    (simulability.get_simulate_settings, {"exp": "sim", "seed_dir": "", "budget": "20", "student": "0"}, {}),
]


CONFIG = workflow_config()
REORDERED = validate_config(reversed_keys(CONFIG))  # the same settings, every key in the other order


@pytest.mark.parametrize("builder, wildcards, arguments", PARAMS, ids=[p[0].__name__ for p in PARAMS])
def test_params_do_not_depend_on_the_order_of_config_yaml(builder, wildcards, arguments):
    config, reordered = CONFIG, REORDERED
    job = SimpleNamespace(**wildcards)
    assert builder(job, config, **arguments) == builder(job, reordered, **arguments)  # the same settings
    assert repr(builder(job, config, **arguments)) == repr(builder(job, reordered, **arguments))


@pytest.mark.parametrize("builder, wildcards, arguments", [PARAMS[0], PARAMS[3]], ids=["generate", "objective"])
def test_without_the_canonical_order_a_reordered_config_would_look_changed(builder, wildcards, arguments):
    """The settings sections handed on as config.yaml wrote them: the case rule_params fixes."""
    config, reordered = CONFIG, REORDERED
    job = SimpleNamespace(**wildcards)
    raw = builder.__wrapped__
    assert repr(raw(job, config, **arguments)) != repr(raw(job, reordered, **arguments))


def test_bound_functions_take_no_argument_of_snakemakes_own():
    wf = bind(CONFIG)
    offered = {name: object() for name in ("input", "output", "threads", "resources", "log", "params")}
    for module in vars(wf).values():
        for function in vars(module).values():
            assert get_input_function_aux_params(function, offered) == {}, function.__name__


def test_an_unknown_experiment_ends_in_one_line():
    wf = bind(CONFIG)
    with pytest.raises(SystemExit, match="^ielearn: .*unknown .*'nope'"):
        wf.classify.get_task(SimpleNamespace(exp="nope"))
