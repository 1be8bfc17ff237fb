"""Bad input through Snakemake: one message naming file and line (or key), nothing left that a
dry run takes as done, and the rerun after the fix succeeds."""

import random

from conftest import TINY_EXPERIMENT, run_snakemake, write_config
from test_dag import job_counts

WORDS = [f"w{i}" for i in range(30)]


def write_corpus(directory, test_src=None):
    rng = random.Random(1)
    files = {}
    for split, size in (("train", 40), ("valid", 4), ("test", 4)):
        src = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) for _ in range(size)]
        tgt = [line.replace("w", "v") for line in src]
        if split == "test" and test_src:
            src[1] = test_src
        for side, lines in (("fr", src), ("en", tgt)):
            (directory / f"{split}.{side}").write_text("\n".join(lines) + "\n")
        files[split] = {"src": str(directory / f"{split}.fr"), "tgt": str(directory / f"{split}.en")}
    return files


def files_config(workdir, experiment=None, test_src=None):
    dataset = {"source": "files", "src_lang": "fr", "tgt_lang": "en",
               **write_corpus(workdir, test_src)}
    experiment = {**TINY_EXPERIMENT, "dataset": "mine", "bpe_merges": 50, **(experiment or {})}
    write_config(workdir, {"datasets": {"mine": dataset}, "experiments": {"mine": experiment}})


def fails_then_fix_reruns(workdir, target, rule, message, fixed_src):
    failed = run_snakemake(workdir, target, check=False)
    assert failed.returncode != 0
    assert message in failed.stderr
    assert job_counts(run_snakemake(workdir, "-n", target).stdout).get(rule, 0) >= 1
    write_corpus(workdir, fixed_src)
    run_snakemake(workdir, target)


def test_a_line_separator_in_a_corpus_file_stops_the_corpus_stage(tmp_path):
    files_config(tmp_path, test_src="w1 w2\u2028w3")
    fails_then_fix_reruns(tmp_path, "results/mine/data/raw/datacard.md", "corpus",
                          "test.fr line 2, column 6: U+2028 LINE SEPARATOR", "w1 w2 w3")
    assert (tmp_path / "results/mine/data/raw/test.src").read_text().count("\n") == 4


def test_an_over_long_test_line_stops_before_training(tmp_path):
    # 20 tokens per batch and 5 appended words: a source line may have at most 14 tokens
    experiment = {"generate": {"beam": 2, "max_tokens": 20, "max_len_b": 5}, "bootstrap": 1}
    files_config(tmp_path, experiment, test_src=" ".join(["x"] * 15))  # one token each
    fails_then_fix_reruns(tmp_path, "results/mine/data/bpe/test.src", "apply_bpe",
                          "test.fr line 2: 15 subword tokens, but this experiment's model reads "
                          "at most 14", " ".join(["x"] * 14))


def test_an_unknown_experiment_target_is_one_message_without_traceback(tmp_path):
    files_config(tmp_path)
    result = run_snakemake(tmp_path, "-n", "results/nope/bootstrap_1.bleu", check=False)
    assert result.returncode == 1
    assert "ielearn: unknown experiment 'nope': config.yaml defines mine" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Exception" not in result.stdout + result.stderr


def test_a_duplicate_key_in_config_yaml_stops_snakemake(tmp_path):
    files_config(tmp_path)
    with open(tmp_path / "config.yaml", "a") as config:
        config.write("experiments:\n  other: {dataset: mine}\n")
    result = run_snakemake(tmp_path, "-n", check=False)
    assert result.returncode == 1
    assert "duplicate key 'experiments'" in result.stderr
