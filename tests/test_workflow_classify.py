"""ielearn/workflow/ for classification: the paths and params the rules get for hand-made
wildcards of tests/workflow_config.py's experiments, written out by hand from docs/layout.md:
`cls` (attention and LIME, seeds 1 and 2, both controls, SCC, two shards), `teach` (IMPACTX
on SHAP's maps) and `sim` (SMaT and the simulability students). No Snakemake runs."""

from pathlib import Path
from types import SimpleNamespace

from workflow_config import workflow_config

from ielearn.classify.simulability_summary import pipeline_outputs_in
from ielearn.workflow import classify, classify_report, halves, provenance, simulability

CONFIG = workflow_config()


def job(**wildcards):
    return SimpleNamespace(**{"exp": "cls", "seed_dir": "seed_2/", "system_dir": "", "k": "0", "sweep": "",
                              "split": "train", **wildcards})


def test_k_is_the_model_an_explainer_explains_and_iteration_k_plus_1_appends_its_words():
    lime = job(system_dir="lime/", k="1")
    assert classify.get_extract_inputs(lime, CONFIG) == {
        "model": "results/cls/seed_2/lime/iter_1/model", "examples": "results/cls/seed_2/lime/iter_1/input/train.tsv"}
    assert classify.get_shard_files(lime, CONFIG, kind="words", extension="txt") == [
        "results/cls/seed_2/lime/iter_1/words/train.shard_0.txt",
        "results/cls/seed_2/lime/iter_1/words/train.shard_1.txt"]
    # its words of the shared baseline stay in lime's own folder
    assert classify.get_extract_inputs(job(system_dir="lime/", k="0"), CONFIG) == {
        "model": "results/cls/seed_2/iter_0/model", "examples": "results/cls/examples/train.tsv"}
    assert classify.get_shard_files(job(system_dir="lime/", k="0"), CONFIG, kind="scores", extension="jsonl") == [
        "results/cls/seed_2/lime/iter_0/scores/train.shard_0.jsonl",
        "results/cls/seed_2/lime/iter_0/scores/train.shard_1.jsonl"]
    assert classify.get_enrich_inputs(job(system_dir="lime/", k="2"), CONFIG) == {
        "examples": "results/cls/seed_2/lime/iter_1/input/train.tsv",
        "words": "results/cls/seed_2/lime/iter_1/words/train.txt", "model": "results/cls/seed_2/lime/iter_1/model"}
    assert classify_report.get_quality_inputs(job(system_dir="lime/", k="1", split="test"), CONFIG) == {
        "model": "results/cls/seed_2/lime/iter_1/model", "examples": "results/cls/seed_2/lime/iter_1/input/test.tsv",
        "rankings": "results/cls/seed_2/lime/iter_1/rankings/test.jsonl"}
    assert classify.get_explainer(lime, CONFIG) == "lime"
    lime = job(system_dir="lime/", k="2")
    assert provenance.get_classification_trainings(lime, CONFIG) == [
        "results/cls/seed_2/iter_0/model", "results/cls/seed_2/lime/iter_1/model", "results/cls/seed_2/lime/iter_2/model"]
    assert provenance.get_classification_words_seed(lime, CONFIG) == 2  # LIME samples: its seed is recorded


def test_controls_start_from_the_baseline_or_from_scc():
    assert classify.get_enrich_inputs(job(system_dir="control_random/", k="1"), CONFIG) == {
        "examples": "results/cls/examples/train.tsv",
        "words": "results/cls/seed_2/control_random/iter_0/words/train.txt",
        "model": "results/cls/seed_2/iter_0/model"}
    # the draw of model 0's words is seeded by the iteration that appends them, 1
    assert classify.get_random_seed(job(system_dir="control_random/", k="0"), CONFIG) == "2-1-train"
    # `none` appends nothing: its fine-tune reads the plain examples
    assert classify.get_train_inputs(job(system_dir="control_none/", k="1"), CONFIG) == {
        "model": "results/cls/seed_2/iter_0/model",
        "train": "results/cls/examples/train.tsv", "valid": "results/cls/examples/valid.tsv"}
    scc = job(system_dir="scc/", k="0")
    assert classify.get_pretrained(scc, CONFIG) == "minilm"
    assert classify.get_train_objective(scc, CONFIG)["enabled"] is True
    assert classify.get_train_inputs(job(system_dir="scc/control_random/", k="1"), CONFIG) == {
        "model": "results/cls/seed_2/scc/iter_0/model",
        "train": "results/cls/seed_2/scc/control_random/iter_1/input/train.tsv",
        "valid": "results/cls/seed_2/scc/control_random/iter_1/input/valid.tsv"}
    assert classify.get_score_inputs(job(system_dir="scc/control_none/", k="1"), CONFIG) == {
        "model": "results/cls/seed_2/scc/control_none/iter_1/model",
        "valid": "results/cls/examples/valid.tsv", "test": "results/cls/examples/test.tsv"}
    assert classify.get_train_objective(job(system_dir="control_none/", k="1"), CONFIG) is None


def test_impactx_learns_its_teachers_maps_or_its_own_draws():
    impactx = job(exp="teach", seed_dir="", system_dir="impactx/")
    assert classify.get_train_inputs(impactx, CONFIG) == {
        "maps_train": "results/teach/shap/iter_0/scores/train.jsonl",
        "maps_valid": "results/teach/shap/iter_0/scores/valid.jsonl",
        "train": "results/teach/examples/train.tsv", "valid": "results/teach/examples/valid.tsv"}
    random_maps = job(exp="teach", seed_dir="", system_dir="impactx/control_random_maps/")
    assert classify.get_train_inputs(random_maps, CONFIG)["maps_train"] == (
        "results/teach/impactx/control_random_maps/iter_0/maps/train.jsonl")
    assert classify.get_train_objective(job(exp="teach", seed_dir="", system_dir="impactx/control_lambda_zero/"),
                                        CONFIG)["lambda"] == 0.0
    assert classify_report.get_agreement_runs(impactx, CONFIG) == [
        (1, "impactx", "shap"), (1, "lambda_zero@impactx", "shap"), (1, "shuffled_maps@impactx", "shap"),
        (1, "random_maps@impactx", "shap")]
    assert halves.get_report_sections(impactx, CONFIG)[-1] == "results/teach/classification_teacher_agreement.tsv"


def test_smat_learns_its_map_once_per_seed_and_students_read_each_settings_maps():
    smat = job(exp="sim", seed_dir="", system_dir="smat/", k="0", setting="smat", budget="20", student="1")
    assert classify.get_extract_inputs(smat, CONFIG) == {
        "model": "results/sim/iter_0/model", "examples": "results/sim/examples/train.tsv",
        "learned": "results/sim/smat/learned/explainer.json"}
    assert classify.get_shard_settings(smat, CONFIG)["learned"] == "results/sim/smat/learned/explainer.json"
    assert simulability.get_simulate_inputs(smat, CONFIG) == {
        "teacher": "results/sim/iter_0/model", "pool": "results/sim/examples/pool.tsv",
        "held_out": "results/sim/examples/test.tsv", "maps": "results/sim/smat/learned/explainer.json"}
    attention = SimpleNamespace(**{**vars(smat), "setting": "attention"})
    assert simulability.get_simulate_inputs(attention, CONFIG)["maps"] == "results/sim/attention/iter_0/scores/pool.jsonl"
    assert "maps" not in simulability.get_simulate_inputs(SimpleNamespace(**{**vars(smat), "setting": "static_all"}),
                                                         CONFIG)
    assert simulability.get_simulate_settings(smat, CONFIG)["budget"] == 20


def test_the_simulability_outputs_are_the_writers_own_names():
    tables = simulability.get_simulability_tables(job(exp="sim"), CONFIG)
    assert tables == [str(path) for path in pipeline_outputs_in(Path("results/sim")).values()]
    assert tables[0] == "results/sim/classification_simulability.tsv"
    assert tables[-2:] == ["results/sim/classification_simulability_verdict.txt",
                           "results/sim/classification_simulability_fit.tsv"]
    assert simulability.get_simulability_tables(job(), CONFIG) == []


def test_the_summary_reads_every_arm_of_both_seeds():
    experiment = job(seed_dir="")
    arms = halves.get_summary_arms(experiment, CONFIG)
    files = classify_report.get_summary_files(experiment, CONFIG)
    assert len(arms) == len(files["test"]) == len(files["model"])
    assert dict(zip(files["test"], arms))["results/cls/seed_2/lime/bootstrap_2.score"] == (2, "lime", 2)
    curves = classify_report.get_quality_curves(experiment, CONFIG)
    runs = classify_report.get_quality_runs(experiment, CONFIG)
    # the words iteration k appends are rated on model k-1, in its folder
    assert dict(zip(runs, curves))[(2, "lime", 2)] == "results/cls/seed_2/lime/iter_1/quality/test.tsv"
    assert dict(zip(runs, curves))[(1, "random", 1)] == "results/cls/control_random/iter_0/quality/test.tsv"
    assert provenance.get_provenance_labels(experiment, CONFIG) == arms
