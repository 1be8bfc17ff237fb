"""ielearn/workflow/ for translation: the paths and params the rules get for hand-made
wildcards of tests/workflow_config.py's tiny experiment (seeds 1 and 2, controls random and
none, noise rates 0 and 100), written out by hand from docs/layout.md. No Snakemake runs."""

from types import SimpleNamespace

from workflow_config import workflow_config

from ielearn.workflow import data, halves, nmt, nmt_report, provenance

CONFIG = workflow_config()


def job(**wildcards):
    return SimpleNamespace(**{"exp": "tiny", "seed_dir": "", "system_dir": "", "k": "0", "sweep": "", **wildcards})


def test_a_control_fine_tune_reads_the_baseline_of_its_seed():
    control = job(seed_dir="seed_2/", system_dir="control_random/", k="1")
    here = "results/tiny/seed_2/control_random/iter_1"
    assert nmt.get_decode_inputs(control, CONFIG, splits=["valid", "test"]) == {
        "data": f"{here}/bin",
        "model": f"{here}/model/best.pt",
        "converted": [],  # the tiny experiment decodes with fairseq
        "text": [f"{here}/input/valid.src", f"{here}/input/test.src"],
        "source": ["results/tiny/data/bpe/valid.src", "results/tiny/data/bpe/test.src"],
        "origin": [f"{here}/input/valid.origin", f"{here}/input/test.origin"],
    }
    assert nmt.get_previous_model(control, CONFIG) == "results/tiny/seed_2/iter_0/model/best.pt"
    assert nmt.get_previous_positions(control, CONFIG) == [
        f"results/tiny/seed_2/iter_0/decode/{split}.pos" for split in ("train", "valid", "test")]
    assert nmt.get_system(control, CONFIG) == "random" and nmt.get_noise(control, CONFIG) == 0
    assert nmt.get_noise_seeds(control, CONFIG) == ["2-1-train", "2-1-valid", "2-1-test"]
    assert provenance.get_translation_trainings(control, CONFIG) == [
        "results/tiny/seed_2/iter_0/model/ielearn-training.json",
        f"{here}/model/ielearn-training.json"]
    assert provenance.get_translation_words_seed(control, CONFIG) == 2  # random draws its words


def test_the_baseline_reads_the_plain_bpe_source():
    baseline = job(split="valid", side="tgt")
    assert nmt.get_decode_inputs(baseline, CONFIG, splits=["train"]) == {
        "data": "results/tiny/iter_0/bin", "model": "results/tiny/iter_0/model/best.pt", "converted": [],
        "text": ["results/tiny/data/bpe/train.src"], "source": ["results/tiny/data/bpe/train.src"],
        "origin": []}
    assert nmt.get_previous_model(baseline, CONFIG) == [] and nmt.get_model_origins(baseline, CONFIG) == []
    assert provenance.get_translation_words_seed(baseline, CONFIG) is None
    assert data.get_tokenized_or_cleaned(baseline, CONFIG) == "results/tiny/data/tok/valid.tgt"
    assert data.get_side_language(baseline, CONFIG) == "en" and data.get_corpus_files(baseline, CONFIG) == []


def test_a_sweep_candidate_decodes_its_own_model():
    candidate = job(k="1", sweep="lr_1/")
    inputs = nmt.get_decode_inputs(candidate, CONFIG, splits=["valid"], candidate=True)
    assert inputs["model"] == "results/tiny/iter_1/lr_1/model/best.pt"
    assert nmt.decode_outputs(["valid"], candidate=True) == [
        "results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}decode/valid." + kind for kind in ("hyp", "pos", "words")]


def test_the_report_reads_every_arm_and_noise_point_of_both_seeds():
    experiment = job()
    arms = [(seed, system, k) for seed in (1, 2)
            for system, k in (("attention", 0), ("attention", 1), ("attention", 2), ("random", 1), ("none", 1))]
    assert halves.get_summary_arms(experiment, CONFIG) == arms
    files = nmt_report.get_summary_files(experiment, CONFIG)
    assert files["test"][:5] == ["results/tiny/bootstrap_0.bleu", "results/tiny/bootstrap_1.bleu",
                                 "results/tiny/bootstrap_2.bleu", "results/tiny/control_random/bootstrap_1.bleu",
                                 "results/tiny/control_none/bootstrap_1.bleu"]
    assert files["reference"] == "results/tiny/data/raw/test.tgt"
    # noise 0 % is the main run's iteration 1, noise 100 % the random control's
    assert nmt_report.get_noise_curve_points(experiment, CONFIG) == [(1, 0), (1, 100), (2, 0), (2, 100)]
    assert nmt_report.get_noise_curve_files(experiment, CONFIG)["test"] == [
        "results/tiny/bootstrap_1.bleu", "results/tiny/control_random/bootstrap_1.bleu",
        "results/tiny/seed_2/bootstrap_1.bleu", "results/tiny/seed_2/control_random/bootstrap_1.bleu"]
    assert nmt_report.get_faithfulness_files(experiment, CONFIG) == [
        f"results/tiny/{seed}iter_{k}/faithfulness/test.tsv" for seed in ("", "seed_2/") for k in (0, 1, 2)]
    # a noise point that reuses an arm's run is labelled once, as the arm
    assert provenance.get_provenance_labels(experiment, CONFIG) == arms
    assert provenance.get_provenance_records(experiment, CONFIG)[0] == "results/tiny/bootstrap_0.bleu.provenance.json"
    assert halves.get_report_sections(experiment, CONFIG)[-2:] == [
        "results/tiny/faithfulness.tsv", "results/tiny/faithfulness_verdict.txt"]
