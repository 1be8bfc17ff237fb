# Helpers of rules/report.smk and rules/provenance.smk for translation: which files of which
# arms the summary, the faithfulness table, the noise curve and the report read (summary_arms:
# both halves' summary rules). Each returns
# the files (for `input:`) and, in the same order, what they are (for `params:`, no paths).

from ielearn.layout import (
    iteration_dir,
    replicate_dirs,
    score_stem,
    translation_arm_files,
    translation_noise_dir,
)
from ielearn.provenance.records import score_record_path
from ielearn.summary_runs import arms_over_seeds, files_over_seeds


def summary_design(wildcards):
    return translation_design(experiment_settings(config, wildcards.exp))


def summary_arms(wildcards):
    """[(seed, system, iteration)] of every seed's arms, for either half's summary rule
    (ielearn/design.py decides which)."""
    design = (
        cls_design(wildcards)
        if wildcards.exp in classification_experiments(config)
        else summary_design(wildcards)
    )
    return arms_over_seeds(design)


def summary_files(wildcards):
    """Per arm of summary_arms: valid and test scores, test hypotheses, model compute."""
    design = summary_design(wildcards)
    files = files_over_seeds(
        design,
        lambda seed, arm: translation_arm_files(wildcards.exp, design, seed, arm),
        ("valid", "test", "hyp", "compute"),
    )
    return files | {"reference": f"results/{wildcards.exp}/data/raw/test.tgt"}


def noise_points(wildcards):
    """[(seed, r %, seed_dir, system_dir)] of the iteration-1 fine-tune at every noise rate."""
    experiment = experiment_settings(config, wildcards.exp)
    return [
        (seed, percent, seeds_dir, translation_noise_dir(percent, experiment))
        for seed, seeds_dir in replicate_dirs(experiment)
        for percent in translation_design(experiment).noise_runs()
    ]


def noise_curve_files(wildcards):
    """Per noise point: valid and test BLEU; per seed: its baseline's test BLEU."""
    exp, points = wildcards.exp, noise_points(wildcards)
    experiment = experiment_settings(config, exp)
    return {
        "valid": [f"{iteration_dir(exp, s, d, 1)}/valid.bleu" for _, _, s, d in points],
        "test": [f"{score_stem(exp, s, d, 1)}.bleu" for _, _, s, d in points],
        "baselines": [
            f"{score_stem(exp, s, '', 0)}.bleu" for _, s in replicate_dirs(experiment)
        ],
    }


def noise_curve_points(wildcards):
    return [(seed, percent) for seed, percent, _, _ in noise_points(wildcards)]


def faithfulness_runs(wildcards):
    """(seed, iteration k) of every model of the main system: iterations 0..bootstrap."""
    experiment = experiment_settings(config, wildcards.exp)
    iterations = translation_design(experiment).faithfulness_runs()
    return [(seed, k) for seed in seeds_of(experiment) for k in iterations]


def faithfulness_files(wildcards):
    experiment = experiment_settings(config, wildcards.exp)
    iterations = translation_design(experiment).faithfulness_runs()
    return [
        f"{iteration_dir(wildcards.exp, seeds_dir, '', k)}/faithfulness/test.tsv"
        for _, seeds_dir in replicate_dirs(experiment)
        for k in iterations
    ]


def provenance_scores(wildcards):
    """{test score: (seed, system, iteration)} of every score the translation report shows:
    the summary's and the noise curve's (a noise rate that reuses a run appears once).
    """
    scores = dict(zip(summary_files(wildcards)["test"], summary_arms(wildcards)))
    tests = noise_curve_files(wildcards)["test"]
    for test, (seed, percent) in zip(tests, noise_curve_points(wildcards)):
        scores.setdefault(test, (seed, f"noise {percent} %", 1))
    return scores


# --- the report ----------------------------------------------------------------------------


def example_inputs(wildcards):
    """Test sentences of the first seed: x, x' of iteration 1 and both hypotheses."""
    exp = wildcards.exp
    return {
        "bpe_source": f"results/{exp}/data/bpe/test.src",
        "enriched": f"{iteration_dir(exp, '', '', 1)}/input/test.src",
        "origin": f"{iteration_dir(exp, '', '', 1)}/input/test.origin",
        "reference": f"results/{exp}/data/raw/test.tgt",
        "baseline": f"{iteration_dir(exp, '', '', 0)}/decode/test.txt",
        "hypothesis": f"{iteration_dir(exp, '', '', 1)}/decode/test.txt",
    }


def translation_sections(exp):
    """Everything results/<exp>/report.html shows; the noise curve only if rates are set."""
    files = [
        f"results/{exp}/report/summary.html",
        f"results/{exp}/report/bleu_per_iteration.png",
        f"results/{exp}/summary.tsv",
        f"results/{exp}/scores_per_seed.tsv",
        f"results/{exp}/compute.tsv",
        f"results/{exp}/report/provenance.html",
    ]
    experiment = experiment_settings(config, exp)
    if experiment["noise_rates"]:
        files += [
            f"results/{exp}/report/noise_curve.png",
            f"results/{exp}/noise_curve.tsv",
        ]
    if experiment["bootstrap"] >= 1 and experiment["report_examples"]:
        files.append(f"results/{exp}/report/examples.html")
    if experiment["faithfulness"]["enabled"]:
        files += [
            f"results/{exp}/faithfulness.tsv",
            f"results/{exp}/faithfulness_verdict.txt",
        ]
    return files
