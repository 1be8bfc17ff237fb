"""The config schema's real-corpus sources: accepted, defaulted, and bad keys rejected."""

import copy

import pytest

from ielearn.config import load_config, validate_config
from ielearn.nmt.config import TRAIN_DEFAULTS
from ielearn.errors import UserError

from conftest import REPO

GETTEXT = {"source": "gettext", "src_lang": "fr", "tgt_lang": "en", "packages": ["django==5.2.19"]}


def config_with(dataset):
    return {"datasets": {"d": dataset}, "experiments": {"e": {"dataset": "d"}}}


def test_new_sources_are_accepted_with_defaults():
    dataset = validate_config(config_with(GETTEXT))["datasets"]["d"]
    assert dataset["sizes"] == {"valid": 1000, "test": 1000}
    assert (dataset["min_words"], dataset["max_words"], dataset["seed"]) == (3, 60, 1)
    for source, pair in (("iwslt17", ("fr", "en")), ("iwslt17", ("en", "fr")), ("wmt14", ("de", "en"))):
        validate_config(config_with({"source": source, "src_lang": pair[0], "tgt_lang": pair[1]}))


@pytest.mark.parametrize(
    "change,message",
    [
        ({"pakages": ["django==5.2.19"]}, r"datasets\.d: .*'pakages' was unexpected"),
        ({"packages": ["django>=5"]}, r"datasets\.d\.packages\.0: 'django>=5' does not match"),
        ({"packages": []}, r"datasets\.d\.packages: \[\] should be non-empty"),
        ({"sizes": {"valid": 0, "test": 5}}, r"datasets\.d\.sizes\.valid: 0 is less than the minimum"),
        ({"sizes": {"dev": 5}}, r"datasets\.d\.sizes: .*'dev' was unexpected"),
        ({"src_lang": "fr", "tgt_lang": "de"}, r"datasets\.d: .*src_lang or tgt_lang must be 'en'"),
        ({"src_lang": "en", "tgt_lang": "en"}, r"datasets\.d: src_lang and tgt_lang are both 'en'"),
        ({"source": "iwslt17"}, r"datasets\.d: .*'packages' was unexpected"),
        ({"source": "wmt14", "src_lang": "fr", "packages": KeyError}, r"datasets\.d\.src_lang: 'fr' is not one of"),
        ({"source": "iwslt18", "packages": KeyError}, r"datasets\.d\.source: 'iwslt18' is not one of"),
    ],
)
def test_bad_dataset_keys_are_rejected(change, message):
    dataset = copy.deepcopy(GETTEXT)
    for key, value in change.items():
        if value is KeyError:
            del dataset[key]
        else:
            dataset[key] = value
    with pytest.raises(UserError, match=message):
        validate_config(config_with(dataset))


def test_project_experiments_for_real_corpora():
    config = load_config(REPO / "config.yaml")
    iwslt = config["experiments"]["iwslt"]
    assert config["datasets"][iwslt["dataset"]]["source"] == "iwslt17"
    assert iwslt["train"] == TRAIN_DEFAULTS and iwslt["bpe_merges"] == 16000  # the paper's
    assert iwslt["bootstrap"] == 10 and iwslt["model"] == {}
    wmt = config["experiments"]["wmt14"]
    assert config["datasets"][wmt["dataset"]]["source"] == "wmt14" and wmt["bpe_merges"] == 32000
    gettext = config["experiments"]["gettext"]
    dataset = config["datasets"][gettext["dataset"]]
    assert dataset["source"] == "gettext" and gettext["bootstrap"] >= 1
    assert (dataset["src_lang"], dataset["tgt_lang"]) == ("fr", "en")
    assert all("==" in pin for pin in dataset["packages"])
