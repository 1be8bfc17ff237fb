"""The Snakemake DAG: dry-runs on the project config, and error handling for user mistakes."""

import copy
import re

import pytest
import yaml

from conftest import REPO, TINY_CONFIG, run_snakemake, write_config


def job_counts(output):
    """Parse Snakemake's 'Job stats' table into {rule: count}."""
    table = output.split("Job stats:")[1]
    counts = {}
    for line in table.splitlines()[3:]:
        match = re.match(r"^(\w+)\s+(\d+)$", line.strip())
        if not match:
            break
        counts[match.group(1)] = int(match.group(2))
    return counts


def test_dry_run_of_bootstrap_10_has_the_expected_jobs(tmp_path):
    write_config(tmp_path, yaml.safe_load((REPO / "config.yaml").read_text()))
    result = run_snakemake(tmp_path, "-n", "results/demo/bootstrap_10.bleu")
    counts = job_counts(result.stdout)
    assert counts["train"] == 11  # baseline + 10 fine-tunes
    assert counts["binarize"] == 11
    assert counts["enrich"] == 10  # iterations 1..10, train/valid/test in one job each
    assert counts["decode"] == 11  # valid and test of iterations 0..10, one job each
    assert counts["decode_train"] == 10  # the train split of iterations 0..9, read by enrich
    assert counts["score"] == 1
    assert counts["detokenize_hypotheses"] == 1  # valid and test in one job
    assert counts["corpus"] == 1 and counts["tokenize"] == 6 and counts["apply_bpe"] == 6
    assert "control_" not in result.stdout  # a target builds only what it needs
    assert "pick_lr" not in counts and "/lr_" not in result.stdout  # one fine-tune rate: no sweep


def test_unknown_experiment_is_one_clear_error(tmp_path):
    write_config(tmp_path, TINY_CONFIG)
    result = run_snakemake(tmp_path, "-n", "results/nope/bootstrap_1.bleu", check=False)
    assert result.returncode != 0
    assert "unknown experiment 'nope'" in result.stdout + result.stderr


def test_invalid_config_names_the_key(tmp_path):
    config = copy.deepcopy(TINY_CONFIG)
    config["experiments"]["tiny"]["train"]["dropout"] = "high"
    write_config(tmp_path, config)
    result = run_snakemake(tmp_path, "-n", "results/tiny/bootstrap_0.bleu", check=False)
    assert result.returncode != 0
    assert "experiments.tiny.train.dropout: 'high' is not of type 'number'" in result.stderr


BAD_CORPORA = {
    "mismatched": ({"valid.en": b"one cat .\n"}, r"valid\.fr has 2 lines but .*valid\.en has 1"),
    "empty": ({"train.fr": b"", "train.en": b""}, r"train\.fr is empty"),
    "latin1": ({"test.fr": b"un caf\xe9 .\ndeux chats .\n"}, r"test\.fr is not valid UTF-8 \(line 1"),
    "crlf": ({"train.en": b"one cat .\r\ntwo cats .\r\n"},
             r"train\.en line 1, column 10: U\+000D CARRIAGE RETURN; Windows \(CRLF\)"),
    "form-feed": ({"test.fr": b"un chat .\fdeux chats .\n"},
                  r"test\.fr line 1, column 10: U\+000C FORM FEED"),
    "blank-test": ({"test.en": b"one cat .\n\n"}, r"test\.en line 2 is blank"),
}


@pytest.mark.parametrize("case", sorted(BAD_CORPORA))
def test_bad_corpus_files_fail_clearly_and_leave_nothing(tmp_path, case):
    overrides, message = BAD_CORPORA[case]
    data = tmp_path / "data"
    data.mkdir()
    for split in ("train", "valid", "test"):
        (data / f"{split}.fr").write_bytes(b"un chat .\ndeux chats .\n")
        (data / f"{split}.en").write_bytes(b"one cat .\ntwo cats .\n")
    for name, content in overrides.items():
        (data / name).write_bytes(content)
    config = copy.deepcopy(TINY_CONFIG)
    config["datasets"]["tiny"] = {
        "source": "files", "src_lang": "fr", "tgt_lang": "en",
        **{split: {"src": str(data / f"{split}.fr"), "tgt": str(data / f"{split}.en")}
           for split in ("train", "valid", "test")},
    }
    write_config(tmp_path, config)
    result = run_snakemake(tmp_path, "results/tiny/data/raw/train.src", check=False)
    assert result.returncode != 0
    assert re.search(message, result.stdout + result.stderr)
    raw = tmp_path / "results" / "tiny" / "data" / "raw"
    assert not raw.exists() or not any(raw.iterdir())
