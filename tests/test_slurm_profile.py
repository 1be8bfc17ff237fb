"""What each job would ask SLURM for under profiles/slurm, read from a dry run (no cluster)."""

import re
from collections import Counter

import pytest

from conftest import REPO, TINY_CONFIG, run_snakemake, write_config

GPU_RULES = {"train", "decode", "decode_train"}
GROUPS = {
    "preprocess": {"corpus", "tokenize", "filter_train", "train_truecaser", "truecase",
                   "learn_bpe", "apply_bpe", "build_dictionaries"},
    "prepare_input": {"enrich", "binarize"},
    "score": {"detokenize_hypotheses", "score"},
}


def planned_jobs(output):
    """[(rule, group or None, {resource: value})] for every job of a dry run's listing."""
    jobs, group = [], None
    for line in output.splitlines():
        if match := re.search(r"Group job (\w+) \(", line):
            group = match.group(1)
        elif match := re.match(r"^(\s*)rule (\w+):$", line):
            group = group if match.group(1) else None  # group members are indented
            jobs.append((match.group(2), group, {}))
        elif match := re.match(r"^\s+resources: (.*)$", line):
            jobs[-1][2].update(item.split("=", 1) for item in match.group(1).split(", "))
    return jobs


@pytest.fixture(scope="module")
def dry_run(tmp_path_factory):
    workdir = write_config(tmp_path_factory.mktemp("slurm_dry_run"), TINY_CONFIG)
    result = run_snakemake(workdir, "-n", "--profile", REPO / "profiles/slurm",
                           "results/tiny/bootstrap_1.bleu")
    return result.stdout


@pytest.fixture(scope="module")
def jobs(dry_run):
    return planned_jobs(dry_run)


def test_dry_run_lists_every_job(jobs):
    assert len(jobs) == 34
    assert {rule for rule, _, _ in jobs} == GPU_RULES | set().union(*GROUPS.values())


def test_gpu_stages_ask_for_one_gpu_and_nothing_else_does(jobs):
    for rule, _, resources in jobs:
        assert resources.get("gpu") == ("1" if rule in GPU_RULES else None), rule


def test_every_job_has_memory_and_wall_time(jobs):
    expected = {"train": ("12000", "1440"), "decode": ("8000", "360"), "decode_train": ("8000", "360")}
    for rule, _, resources in jobs:
        assert (resources["mem_mb"], resources["runtime"]) == expected.get(rule, ("4000", "60"))


def test_small_stages_are_grouped_into_few_cluster_jobs(dry_run, jobs):
    for rule, group, _ in jobs:
        assert group == next((name for name, rules in GROUPS.items() if rule in rules), None)
    # 34 Snakemake jobs become 9 cluster jobs: 4 group jobs, 2 train and 3 decode jobs (valid
    # and test of iterations 0 and 1, train of iteration 0)
    group_jobs = Counter(re.findall(r"Group job (\w+) \(", dry_run))
    assert group_jobs == {"preprocess": 1, "prepare_input": 2, "score": 1}
    assert sum(rule in GPU_RULES for rule, _, _ in jobs) == 5


def test_a_sweep_candidates_training_and_decode_ask_for_one_gpu(tmp_path):
    config = {**TINY_CONFIG, "experiments": {"tiny": {**TINY_CONFIG["experiments"]["tiny"],
                                                      "finetune": {"max_epoch": 1, "lr": ["continue", 0.001]}}}}
    workdir = write_config(tmp_path, config)
    result = run_snakemake(workdir, "-n", "--profile", REPO / "profiles/slurm", "results/tiny/bootstrap_1.bleu")
    jobs = planned_jobs(result.stdout)
    assert {"decode_candidate", "detokenize_candidate", "pick_lr"} <= {rule for rule, _, _ in jobs}
    for rule, _, resources in jobs:
        assert resources.get("gpu") == ("1" if rule in GPU_RULES | {"decode_candidate"} else None), rule


CLS_GPU_RULES = {"cls_train", "cls_extract_shard"}


def test_classification_training_and_extraction_ask_for_one_gpu(tmp_path):
    classification = {
        "datasets": {"toy": {"source": "synthetic", "seed": 2, "sizes": {"train": 24, "valid": 8, "test": 10}}},
        "experiments": {"toy_cls": {"dataset": "toy", "model": "minilm", "bootstrap": 1, "explainers": ["lime"],
                                    "controls": ["random"]}},
    }
    workdir = write_config(tmp_path, {**TINY_CONFIG, "classification": classification})
    result = run_snakemake(workdir, "-n", "--profile", REPO / "profiles/slurm", "results/toy_cls/classification.tsv")
    jobs = planned_jobs(result.stdout)
    assert CLS_GPU_RULES <= {rule for rule, _, _ in jobs}
    for rule, _, resources in jobs:
        assert resources.get("gpu") == ("1" if rule in CLS_GPU_RULES else None), rule
