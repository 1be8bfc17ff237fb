"""Translation's summary, faithfulness, noise-curve and report rules (rules/report.smk): which
files of which arms they read. Each returns the files (for `input:`) and, in the same order,
what they are (for `params:`, no paths)."""

from ielearn.config import experiment_settings
from ielearn.design import seeds_of, translation_design
from ielearn.layout import iteration_dir, replicate_dirs, score_stem, translation_arm_files, translation_noise_dir
from ielearn.summary_runs import files_over_seeds
from ielearn.workflow.params import rule_params


def design_of(wildcards, config):
    return translation_design(experiment_settings(config, wildcards.exp))


def get_summary_design(wildcards, config):
    return design_of(wildcards, config)


def get_main_system(wildcards, config):
    return design_of(wildcards, config).mains[0]


def get_summary_files(wildcards, config):
    """Per arm of get_summary_arms: valid and test scores, test hypotheses, model compute."""
    design = design_of(wildcards, config)
    files = files_over_seeds(
        design,
        lambda seed, arm: translation_arm_files(wildcards.exp, design, seed, arm),
        ("valid", "test", "hyp", "compute"),
    )
    return files | {"reference": f"results/{wildcards.exp}/data/raw/test.tgt"}


def noise_points(wildcards, config):
    """[(seed, r %, seed_dir, system_dir)] of the iteration-1 fine-tune at every noise rate."""
    experiment = experiment_settings(config, wildcards.exp)
    return [
        (seed, percent, seeds_dir, translation_noise_dir(percent, experiment))
        for seed, seeds_dir in replicate_dirs(experiment)
        for percent in translation_design(experiment).noise_runs()
    ]


def get_noise_curve_files(wildcards, config):
    """Per noise point: valid and test BLEU; per seed: its baseline's test BLEU."""
    exp, points = wildcards.exp, noise_points(wildcards, config)
    experiment = experiment_settings(config, exp)
    return {
        "valid": [f"{iteration_dir(exp, s, d, 1)}/valid.bleu" for _, _, s, d in points],
        "test": [f"{score_stem(exp, s, d, 1)}.bleu" for _, _, s, d in points],
        "baselines": [f"{score_stem(exp, s, '', 0)}.bleu" for _, s in replicate_dirs(experiment)],
    }


@rule_params
def get_noise_curve_points(wildcards, config):
    return [(seed, percent) for seed, percent, _, _ in noise_points(wildcards, config)]


@rule_params
def get_faithfulness_runs(wildcards, config):
    """(seed, iteration k) of every model of the main system: iterations 0..bootstrap."""
    experiment = experiment_settings(config, wildcards.exp)
    iterations = translation_design(experiment).faithfulness_runs()
    return [(seed, k) for seed in seeds_of(experiment) for k in iterations]


def get_faithfulness_files(wildcards, config):
    experiment = experiment_settings(config, wildcards.exp)
    iterations = translation_design(experiment).faithfulness_runs()
    return [
        f"{iteration_dir(wildcards.exp, seeds_dir, '', k)}/faithfulness/test.tsv"
        for _, seeds_dir in replicate_dirs(experiment)
        for k in iterations
    ]


@rule_params
def get_seeds(wildcards, config):
    return seeds_of(experiment_settings(config, wildcards.exp))


def provenance_scores(wildcards, config, arms):
    """{test score: (seed, system, iteration)} of every score the translation report shows:
    the summary's (`arms`, in its order) and the noise curve's (a noise rate that reuses a run
    appears once)."""
    scores = dict(zip(get_summary_files(wildcards, config)["test"], arms))
    tests = get_noise_curve_files(wildcards, config)["test"]
    for test, (seed, percent) in zip(tests, get_noise_curve_points(wildcards, config)):
        scores.setdefault(test, (seed, f"noise {percent} %", 1))
    return scores


def get_example_inputs(wildcards, config):
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


def translation_sections(config, exp):
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
        files += [f"results/{exp}/report/noise_curve.png", f"results/{exp}/noise_curve.tsv"]
    if experiment["bootstrap"] >= 1 and experiment["report_examples"]:
        files.append(f"results/{exp}/report/examples.html")
    if experiment["faithfulness"]["enabled"]:
        files += [f"results/{exp}/faithfulness.tsv", f"results/{exp}/faithfulness_verdict.txt"]
    return files
