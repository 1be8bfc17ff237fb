"""Paired tests against sacrebleu's own CLI on the same files: the same seed must give the
same BLEU and the same p-values (bootstrap and approximate randomization)."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ielearn.io import write_lines
from ielearn.nmt.significance import compare_systems, write_significance

SACREBLEU = str(Path(sys.executable).parent / "sacrebleu")
WORDS = "the a cat dog sat ran on under mat house quickly slowly red green big small".split()


def noisy_copy(lines, rate, rng):
    """Each word replaced by a random one with probability `rate`."""
    return [" ".join(rng.choice(WORDS) if rng.random() < rate else w for w in line.split())
            for line in lines]


@pytest.fixture
def systems(tmp_path):
    rng = random.Random(5)
    reference = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))) for _ in range(60)]
    paths = {"ref": tmp_path / "ref.txt", "base": tmp_path / "base.txt",
             "better": tmp_path / "better.txt", "same": tmp_path / "same.txt"}
    write_lines(paths["ref"], reference)
    base = noisy_copy(reference, 0.4, rng)
    write_lines(paths["base"], base)
    write_lines(paths["better"], noisy_copy(reference, 0.2, rng))
    write_lines(paths["same"], noisy_copy(reference, 0.4, rng))
    return paths


def cli_p_values(paths, flag, samples, seed):
    command = [SACREBLEU, str(paths["ref"]), "-i", str(paths["base"]), str(paths["better"]),
               str(paths["same"]), "-m", "bleu", f"--paired-{flag}", f"--paired-{flag}-n", str(samples),
               "-f", "json"]
    output = subprocess.run(command, capture_output=True, text=True, check=True,
                            env=dict(os.environ, SACREBLEU_SEED=str(seed))).stdout
    return {Path(entry["system"].removeprefix("Baseline: ")).stem: entry["BLEU"] for entry in json.loads(output)}


def test_p_values_equal_the_sacrebleu_cli_with_the_same_seed(systems):
    hypotheses = {name: systems[name] for name in ("base", "better", "same")}
    comparisons = [("better", "base"), ("same", "base")]
    rows = compare_systems(systems["ref"], hypotheses, comparisons, bootstrap_samples=300,
                           ar_trials=300, seed=7)
    by_system = {row["system"]: row for row in rows}
    for flag, key in (("bs", "p_bs"), ("ar", "p_ar")):
        cli = cli_p_values(systems, flag, 300, 7)
        for name in ("better", "same"):
            assert by_system[name][key] == pytest.approx(cli[name]["p_value"], abs=1e-12)
            assert by_system[name]["bleu"] == pytest.approx(cli[name]["score"], abs=1e-9)
        assert by_system["better"]["against_bleu"] == pytest.approx(cli["base"]["score"], abs=1e-9)
    # the test can tell: a clearly better system is significant, a same-quality one is not
    assert by_system["better"]["p_bs"] < 0.05 and by_system["same"]["p_bs"] > 0.05
    assert "seed:7" in by_system["better"]["signature_bs"] and "bs:300" in by_system["better"]["signature_bs"]
    assert "ar:300" in by_system["better"]["signature_ar"]
    assert os.environ.get("SACREBLEU_SEED") is None  # restored after the test


def test_a_different_seed_draws_different_resamples(systems):
    hypotheses = {name: systems[name] for name in ("base", "same")}
    p_values = {seed: compare_systems(systems["ref"], hypotheses, [("same", "base")], 200, 200, seed)[0]["p_bs"]
                for seed in (1, 2)}
    assert p_values[1] != p_values[2]


def test_significance_file_has_one_row_per_comparison(systems, tmp_path):
    hypotheses = {name: systems[name] for name in ("base", "better", "same")}
    write_significance(systems["ref"], hypotheses, [("better", "base"), ("better", "same")],
                       tmp_path / "sig.tsv", 100, 100, 3)
    lines = [line.split("\t") for line in (tmp_path / "sig.tsv").read_text().splitlines()]
    assert lines[0][:2] == ["system", "against"]
    assert [(row[0], row[1]) for row in lines[1:]] == [("better", "base"), ("better", "same")]


def test_mismatched_line_counts_are_refused(systems, tmp_path):
    write_lines(tmp_path / "short.txt", ["only one line"])
    with pytest.raises(RuntimeError, match="short.txt has 1 lines"):
        compare_systems(systems["ref"], {"base": systems["base"], "short": tmp_path / "short.txt"},
                        [("short", "base")])
