import copy

import pytest
import yaml

from ielearn.config import experiment_settings, load_config, validate_config
from ielearn.config_file import read_config_file
from ielearn.errors import UserError
from ielearn.nmt.config import FINETUNE_DEFAULTS, TRAIN_DEFAULTS

from conftest import REPO, TINY_CONFIG


def test_project_config_is_valid_and_has_the_demo():
    config = load_config(REPO / "config.yaml")
    assert config["experiments"]["demo"]["bootstrap"] >= 10


def test_defaults_are_the_papers_iwslt_settings():
    config = validate_config({
        "datasets": {"d": {"source": "demo", "src_lang": "fr", "tgt_lang": "en",
                           "sizes": {"train": 1, "valid": 1, "test": 1}}},
        "experiments": {"e": {"dataset": "d"}},
    })
    experiment = config["experiments"]["e"]
    assert experiment["bpe_merges"] == 16000
    assert experiment["arch"] == "transformer"
    assert experiment["train"]["lr"] == 5e-4
    assert experiment["train"]["warmup_updates"] == 4000
    assert experiment["train"]["dropout"] == 0.3
    assert experiment["train"]["weight_decay"] == 1e-4
    assert experiment["train"]["adam_betas"] == [0.9, 0.98]
    assert experiment["train"]["max_tokens"] == 5000
    assert experiment["train"]["patience"] == 5 and experiment["train"]["max_epoch"] == 50
    assert experiment["generate"]["beam"] == 5
    assert experiment["finetune"] == {**TRAIN_DEFAULTS, **FINETUNE_DEFAULTS}
    assert experiment["append"] == "attention" and experiment["noise"] == 0
    assert experiment["controls"] == ["random", "none"]


def test_finetune_inherits_unset_keys_from_train_but_not_its_schedule():
    experiment = validate_config(TINY_CONFIG)["experiments"]["tiny"]
    assert experiment["finetune"]["max_epoch"] == 1
    assert experiment["finetune"]["patience"] == experiment["train"]["patience"] == 3
    assert experiment["finetune"]["dropout"] == experiment["train"]["dropout"]
    # never the baseline's warm-up to its peak: a constant rate, read from the previous model
    assert experiment["train"]["lr_scheduler"] == "inverse_sqrt"
    assert experiment["finetune"]["lr"] == "continue"
    assert experiment["finetune"]["lr_scheduler"] == "fixed"
    assert experiment["finetune"]["warmup_updates"] == 0


@pytest.mark.parametrize("key,value,message", [
    ("lr", "continue", r"train\.lr: 'continue' reads the rate"),
    ("matched_updates", 100, r"train\.matched_updates: .*set it under `finetune`"),
    ("lr", [1e-3, 1e-4], r"train\.lr: a list is a learning-rate sweep of the fine-tunes"),
])
def test_baseline_cannot_continue_match_or_sweep(key, value, message):
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"]["train"][key] = value
    with pytest.raises(UserError, match=message):
        validate_config(config)


def broken(path, value):
    config = copy.deepcopy(TINY_CONFIG)
    node = config
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return config


@pytest.mark.parametrize(
    "path,value,message",
    [
        (("experiments", "tiny", "bootstrapp"), 3, r"experiments\.tiny: .*'bootstrapp' was unexpected"),
        # SCC and IMPACTX are classification systems: a translation experiment has no such section
        (("experiments", "tiny", "scc"), {"enabled": True}, r"experiments\.tiny: .*'scc' was unexpected"),
        (("experiments", "tiny", "impactx"), {"enabled": True}, r"experiments\.tiny: .*'impactx' was unexpected"),
        (("experiments", "tiny", "train", "dropout"), "high", r"experiments\.tiny\.train\.dropout: 'high' is not of type 'number'"),
        (("experiments", "tiny", "finetune", "lr"), "fast", r"experiments\.tiny\.finetune\.lr: 'fast' does not match '\^continue\$'"),
        (("experiments", "tiny", "finetune", "lr"), ["continue", "fast"], r"finetune\.lr\.1: 'fast' does not match"),
        (("experiments", "tiny", "finetune", "lr"), [1e-4, 1e-4], r"finetune\.lr: \[0\.0001, 0\.0001\] has non-unique"),
        (("experiments", "tiny", "arch"), "lstm", r"experiments\.tiny\.arch: 'lstm' is not one of"),
        (("experiments", "tiny", "append"), "lime", r"experiments\.tiny\.append: 'lime' is not one of"),
        (("experiments", "tiny", "noise"), 1.5, r"experiments\.tiny\.noise: 1\.5 is greater than"),
        (("experiments", "tiny", "dataset"), "nope", r"experiments\.tiny\.dataset: unknown dataset 'nope'"),
        (("datasets", "tiny", "source"), "web", r"datasets\.tiny\.source: 'web' is not one of"),
        (("datasets", "tiny", "sizes"), KeyError, r"datasets\.tiny: 'sizes' is a required property"),
        # values fairseq, numpy or sacrebleu would refuse only hours later, without the key
        (("experiments", "tiny", "generate", "max_len_a"), -1, r"generate\.max_len_a: -1 is less than"),
        (("experiments", "tiny", "generate", "max_len_b"), -5, r"generate\.max_len_b: -5 is less than"),
        (("experiments", "tiny", "seed"), -1, r"experiments\.tiny\.seed: -1 is less than"),
        (("experiments", "tiny", "seeds"), [1, -2], r"experiments\.tiny\.seeds\.1: -2 is less than"),
        (("experiments", "tiny", "train", "adam_betas"), [0.9, 1.0],
         r"train\.adam_betas\.1: 1\.0 is greater than or equal to"),
        (("experiments", "tiny", "significance", "seed"), -3, r"significance\.seed: -3 is less than"),
        (("experiments", "tiny", "significance", "equivalence_margin"), 0, r"significance\.equivalence_margin: 0"),
        (("experiments", "tiny", "significance", "primary"), ["attention/2 vs random/2"],
         r"experiments\.tiny\.significance\.primary: 'attention/2 vs random/2' is not a comparison this experiment "
         r"makes; choose among .*'attention/1 vs random/1'"),
        (("experiments", "tiny", "significance", "primary"), [], r"significance\.primary: \[\] should be non-empty"),
    ],
)
def test_errors_name_the_key(path, value, message):
    with pytest.raises(UserError, match=message):
        validate_config(broken(path, value))


def test_files_source_needs_its_paths():
    config = copy.deepcopy(TINY_CONFIG)
    config["datasets"]["tiny"] = {"source": "files", "src_lang": "fr", "tgt_lang": "en",
                                  "train": {"src": "a", "tgt": "b"}}
    with pytest.raises(UserError, match=r"datasets\.tiny: 'valid' is a required property"):
        validate_config(config)


def test_unknown_experiment_lists_the_known_ones():
    with pytest.raises(UserError, match=r"unknown experiment 'nope'.*defines tiny"):
        experiment_settings(validate_config(TINY_CONFIG), "nope")


def test_bad_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("experiments: [unclosed\n")
    with pytest.raises(UserError, match="config.yaml: not valid YAML"):
        load_config(path)


def test_yaml_errors_name_line_and_column(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("datasets:\n  d:\n    source: demo\n   src_lang: fr\n")
    with pytest.raises(UserError, match=r"config\.yaml: not valid YAML at line 4, column 4"):
        load_config(path)


# (text, the line of the mistake): PyYAML's problem mark is one or more lines late for what
# is left open (a bracket, brace, quote, a key without its colon), right for the rest
SYNTAX_ERRORS = {
    "unclosed bracket": ("a: 1\nb: [1, 2\nc: 3\nd: 4\n", 2),
    "unclosed brace": ("a: {x: 1\nb: 2\n", 1),
    "unclosed quote": ("a: 'x\nb: 2\nc: 3\n", 1),
    "missing colon": ("a: 1\nb\nc: 3\n", 2),
    "bad indent": ("a:\n  b: 1\n c: 2\nd: 3\n", 3),
    "tab": ("a:\n\tb: 1\nc: 2\n", 2),
    "colon in a value": ("a: b: c\nd: 1\n", 1),
    "list item among keys": ("a:\n  - 1\n  b: 2\nc: 3\n", 3),
}


@pytest.mark.parametrize("text, line", SYNTAX_ERRORS.values(), ids=SYNTAX_ERRORS)
def test_a_syntax_error_names_the_line_of_the_mistake(tmp_path, text, line):
    path = tmp_path / "config.yaml"
    path.write_text(text)
    with pytest.raises(UserError, match=rf"config\.yaml: not valid YAML at line {line}, column \d+: "):
        read_config_file(path)


def test_a_duplicate_key_is_an_error_naming_both_lines(tmp_path):
    path = tmp_path / "config.yaml"
    text = yaml.safe_dump(TINY_CONFIG)
    path.write_text(text + "experiments:\n  other: {dataset: tiny}\n")
    first = text.splitlines().index("experiments:") + 1
    last = len(text.splitlines()) + 1
    with pytest.raises(UserError, match=rf"line {last}, column 1: duplicate key 'experiments' "
                                        rf"\(first at line {first}\)"):
        load_config(path)


def test_schema_file_is_yaml():
    assert yaml.safe_load((REPO / "schemas" / "config.schema.yaml").read_text())["type"] == "object"
