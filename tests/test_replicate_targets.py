"""One seed's targets: every arm's valid and test score of that seed, and the quality curves of
its words, and nothing of another seed."""

import subprocess
import sys

import pytest

from ielearn.config import load_config
from ielearn.errors import UserError
from ielearn.replicate_targets import replicate_targets
from conftest import REPO


@pytest.fixture(scope="module")
def config():
    return load_config(REPO / "config.yaml")


def test_a_classification_seed_names_every_arm_of_that_seed(config):
    targets = replicate_targets(config, "trec", 3)
    systems = ["", *(f"{s}/" for s in config["classification"]["experiments"]["trec"]["explainers"]),
               "control_random/", "control_none/"]
    expected = {"results/trec/seed_3/iter_0/valid.score", "results/trec/seed_3/bootstrap_0.score"}
    for system in systems[1:]:
        expected |= {f"results/trec/seed_3/{system}iter_1/valid.score",
                     f"results/trec/seed_3/{system}bootstrap_1.score"}
    # the words of every explainer and of random, rated for quality on model 0 that chose them
    # (the quality summary reads them)
    expected |= {f"results/trec/seed_3/{system}iter_0/quality/test.tsv" for system in systems[1:-1]}
    assert set(targets) == expected


def test_the_first_seed_writes_the_experiments_own_folder(config):
    first = config["classification"]["experiments"]["trec"]["seeds"][0]
    assert "results/trec/bootstrap_0.score" in replicate_targets(config, "trec", first)


def test_a_translation_seed_names_its_bleu_files(config):
    seeds = config["experiments"]["gettext"]["seeds"]
    targets = replicate_targets(config, "gettext", seeds[-1])
    assert f"results/gettext/seed_{seeds[-1]}/bootstrap_0.bleu" in targets
    assert all(t.endswith(".bleu") and f"seed_{seeds[-1]}/" in t for t in targets)


def test_a_seed_outside_the_experiment_is_one_clear_error(config):
    with pytest.raises(UserError, match=r"seed 99 is not one of trec's seeds .*add it there first"):
        replicate_targets(config, "trec", 99)
    run = subprocess.run([sys.executable, "-m", "ielearn.replicate_targets", "trec", "99"],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode != 0 and run.stderr.strip().startswith("ielearn: seed 99") and "Traceback" not in run.stderr
