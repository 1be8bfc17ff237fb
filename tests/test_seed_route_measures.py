"""IMPACTX's agreement table and the simulability tables on the seed route
(ielearn.summarise_seeds → merge_seeds → recompute), on a run whose per-seed files are
hand-made (scores, predictions, score maps, student records) at the paths the DAG reads:
the pipeline's own rules (Snakemake, allowed only those two summaries) are the reference,
byte for byte, for every seed summarised at once and for seeds merged one session at a time,
in either order."""

import copy
import json

import numpy as np
import pytest

from conftest import run_snakemake, write_config
from ielearn.classify.config import classification_settings
from ielearn.classify.impactx.agreement import PER_SEED
from ielearn.classify.predictions import write_predictions
from ielearn.classify.simulability_summary import STUDENTS
from ielearn.classify.training_record import write_training
from ielearn.config import load_config, validate_config
from ielearn.design import Arm, classification_design
from ielearn.errors import UserError
from ielearn.inference.item_records import read_item_records
from ielearn.io import read_tsv
from ielearn.layout import agreement_files, agreement_runs, classification_arm_files, simulability_student_runs
from ielearn.merge_seeds import main as merge
from ielearn.recompute import recompute
from ielearn.replicate_targets import replicate_targets
from ielearn.summarise_seeds import summarise_seeds
from test_classify_summary import GOLD, predictions_right_on
from test_scc_config_dag import config_with

EXP = "toy_cls"  # config_with's experiment
POOLED = {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5, "pool": 12}}
EXPERIMENT = {"explainers": ["attention"], "controls": ["none"], "seeds": [1, 2, 3],
              "impactx": {"enabled": True, "teacher": "attention"},
              "simulability": {"enabled": True, "budgets": [8], "students": 2, "settings": ["static_all", "attention"]}}
TABLES = ["classification_teacher_agreement.tsv", *(f"classification_simulability{suffix}.tsv" for suffix in (
    "", "_per_seed", "_comparisons", "_comparisons_per_seed")), "classification_simulability_verdict.txt"]
WORDS = ["what", "is", "the", "capital"]
NOT_LEARNED = (1, 14)  # the students (in simulability_student_runs' order) that did not learn


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value) + "\n")


def make_run(workdir):
    """config.yaml and every per-seed file the three seeds' summaries read, drawn at random."""
    config = config_with(EXPERIMENT, POOLED)
    write_config(workdir, config)
    experiment = classification_settings(validate_config(copy.deepcopy(config)), EXP)
    design, rng = classification_design(experiment), np.random.default_rng(3)
    for seed in design.seeds:
        for arm in design.arms():
            files = classification_arm_files(EXP, design, seed, arm)
            write_json(workdir / files["valid"], {"metric": "accuracy", "value": 0.5, "n": 10,
                                                  "metrics": {"accuracy": 0.5}})
            right = int(rng.integers(5, 20))
            write_json(workdir / files["test"], {"metric": "accuracy", "value": right / 20, "n": 20,
                                                 "metrics": {"accuracy": right / 20}})
            write_predictions(workdir / files["pred"], GOLD, predictions_right_on(right))
            (workdir / files["model"]).mkdir(parents=True, exist_ok=True)
            write_training(workdir / files["model"], {"epochs": 1, "updates": 3, "examples": 24, "wordpieces": 90,
                                                      "kept_epoch": 1, "lr": 0.001, "seconds": 1.0})
    maps = agreement_files(EXP, design, agreement_runs(experiment, design))
    for path in {*maps["students"], *maps["teachers"]}:  # a constant map and a one-word example: no ρ
        rows = [{"words": WORDS[:n], "scores": rng.normal(size=n).tolist()} for n in (4, 3, 1, 4, 2)]
        rows.append({"words": WORDS, "scores": [1.0] * 4})
        (workdir / path).parent.mkdir(parents=True, exist_ok=True)
        (workdir / path).write_text("".join(json.dumps(row) + "\n" for row in rows))
    for number, path in enumerate(simulability_student_runs(EXP, design)[1]):
        agrees = rng.integers(0, 2, 6).tolist()
        learned = number not in NOT_LEARNED
        fit = {"train_loss": [0.5], "train_agreement": 0.9 if learned else 0.5, "majority_share": 0.5,
               "learned": learned}
        write_json(workdir / path, {"sim": sum(agrees) / 6, "agrees": agrees, "fit": fit})
    return experiment


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The hand-made run, with the pipeline's agreement and simulability tables of it."""
    workdir = tmp_path_factory.mktemp("seed_route")
    make_run(workdir)
    run_snakemake(workdir, "--allowed-rules", "cls_teacher_agreement", "cls_simulability_summary", "--",
                  f"results/{EXP}/classification_teacher_agreement.tsv",
                  f"results/{EXP}/classification_simulability.tsv")
    return workdir


def summarise(run, seeds, out, monkeypatch):
    monkeypatch.chdir(run)
    return summarise_seeds(run / "config.yaml", EXP, seeds, out)


def test_every_seed_at_once_gives_the_pipelines_tables(run, tmp_path, monkeypatch):
    summarise(run, [1, 2, 3], tmp_path / "all", monkeypatch)
    for name in TABLES:
        assert (tmp_path / "all" / name).read_text() == (run / "results" / EXP / name).read_text(), name
    # the carried files: three seeds × four students (IMPACTX and its controls), ρ unrounded,
    # the table's rows once rounded; per seed and Arm(setting, budget) each example's
    # agreement of each of the two students
    rows, table = read_tsv(tmp_path / "all" / PER_SEED), read_tsv(tmp_path / "all" / TABLES[0])
    assert [{**row, "spearman": f"{float(row['spearman']):.4f}"} for row in rows] == table[:12]
    assert any(len(row["spearman"]) > 8 for row in rows)
    students = read_item_records(tmp_path / "all" / STUDENTS)
    assert len(students) == 3 * 4 and {array.shape for array in students.values()} == {(6, 2)}
    first = json.loads((run / f"results/{EXP}/simulability/attention/budget_8/student_1.json").read_text())
    assert students[(1, Arm("attention", 8))][:, 1].tolist() == first["agrees"]
    # the verdict's closing line names the two students that did not learn (NOT_LEARNED)
    closing = (run / "results" / EXP / TABLES[-1]).read_text().splitlines()[-1]
    assert closing.startswith("2 of 24 students did not learn the teacher on their own budget") and closing.count(
        ": 1 of 2") == 2, closing


@pytest.mark.parametrize("sessions", [([1], [2, 3]), ([2, 3], [1])])
def test_seeds_merged_session_by_session_recompute_to_the_pipelines_tables(run, tmp_path, monkeypatch, sessions):
    target = tmp_path / "committed" / EXP
    for number, seeds in enumerate(sessions):
        summarise(run, seeds, tmp_path / f"session_{number}", monkeypatch)
        merge([str(target), str(tmp_path / f"session_{number}")])
    for name in TABLES:
        (target / name).unlink(missing_ok=True)  # what the first session's summary left there
    recompute(target, run / "config.yaml")
    for name in TABLES:
        assert (target / name).read_text() == (run / "results" / EXP / name).read_text(), name


def test_a_missing_student_is_named_and_a_folder_without_the_files_is_refused(run, tmp_path, monkeypatch):
    summarise(run, [1], tmp_path / "first", monkeypatch)
    summarise(run, [2], tmp_path / "second", monkeypatch)
    (tmp_path / "second" / PER_SEED).unlink()  # as a summary made before the seed route carried it
    with pytest.raises(UserError, match=f"{PER_SEED} is in only one of .* both or neither"):
        from ielearn.merge_seeds import merge_seeds
        merge_seeds(tmp_path / "first", tmp_path / "second")
    student = run / f"results/{EXP}/seed_3/simulability/none/budget_8/student_0.json"
    kept = student.read_text()
    student.unlink()
    try:
        text = summarise(run, [3], tmp_path / "third", monkeypatch)
    finally:
        student.write_text(kept)
    assert (f"the simulability tables not written: results/{EXP}/seed_3/simulability/none/budget_8/student_0.json "
            "is missing (1 student record(s) in all)") in text
    assert not (tmp_path / "third" / STUDENTS).exists() and (tmp_path / "third" / PER_SEED).exists()


def test_a_seeds_targets_name_the_files_of_its_agreement_and_simulability_rows(tmp_path):
    """replicate_targets names what summarise_seeds reads of one seed, and Snakemake can make
    each of those files (a dry run from nothing)."""
    experiment = make_run(tmp_path / "made")
    design = classification_design(experiment)
    targets = replicate_targets(load_config(tmp_path / "made/config.yaml"), EXP, 2)
    maps = agreement_files(EXP, design, agreement_runs(experiment, design, [2]))
    students = simulability_student_runs(EXP, design, [2])[1]
    assert set(maps["students"]) | set(maps["teachers"]) | set(students) <= set(targets)
    assert len(students) == 4 * 2 and all(f"results/{EXP}/seed_2/" in path for path in targets)
    write_config(tmp_path / "plan", config_with(EXPERIMENT, POOLED))
    plan = run_snakemake(tmp_path / "plan", "-n", *targets).stdout
    assert "rule cls_simulate:" in plan and "rule cls_gather_words:" in plan
