"""Classification's summary, explanation-quality, teacher-agreement and report rules
(rules/classify_report.smk): which files of which arms they read. Each returns the files (for
`input:`) and, in the same order, what they are (for `params:`, no paths)."""

from pathlib import Path

from ielearn.classify.backends import backend_settings
from ielearn.classify.config import classification_experiments, classification_settings
from ielearn.design import classification_design
from ielearn.layout import agreement_files, agreement_runs, classification_arm_files, quality_curves_file
from ielearn.summary_runs import files_over_seeds
from ielearn.summary_tables import QUALITY, table_files
from ielearn.workflow.classify import examples, explained, get_design, get_extract_settings, model, settings
from ielearn.workflow.params import rule_params
from ielearn.workflow.simulability import simulability_tables


def get_summary_files(wildcards, config):
    """Per arm of get_summary_arms: valid and test scores, test predictions, model."""
    design = get_design(wildcards, config)
    return files_over_seeds(
        design,
        lambda seed, arm: classification_arm_files(wildcards.exp, design, seed, arm),
        ("valid", "test", "pred", "model"),
    )


def get_all_summaries(wildcards, config):
    return [f"results/{exp}/classification.tsv" for exp in classification_experiments(config)]


# --- explanation quality (config `quality`; ielearn/classify/quality.py) -----------------


@rule_params
def get_quality_explainers(wildcards, config):
    """Systems whose words are rated (the design's: every explainer, then `random`)."""
    return list(get_design(wildcards, config).quality_systems())


@rule_params
def get_quality_settings(wildcards, config):
    """The quality measures' settings: with the inference backend (it runs every model call)."""
    return {**get_extract_settings(wildcards, config), **backend_settings(settings(wildcards, config))}


def get_quality_inputs(wildcards, config):
    """Model k (the one that chose the words iteration k+1 appends), the test split as it read
    it, and the words' rankings."""
    k = int(wildcards.k)
    return {
        "model": model(wildcards, config, k),
        "examples": examples(wildcards, config, k, "test"),
        "rankings": f"{explained(wildcards)}/rankings/test.jsonl",
    }


@rule_params
def get_quality_runs(wildcards, config):
    """(seed, explainer, iteration) of every quality curve, in the order of get_quality_curves."""
    design = get_design(wildcards, config)
    return [(seed, system, k) for seed in design.seeds for system, k in design.quality_runs()]


def get_quality_curves(wildcards, config):
    design = get_design(wildcards, config)
    return [
        quality_curves_file(wildcards.exp, design, seed, system, k)
        for seed, system, k in get_quality_runs(wildcards, config)
    ]


def quality_outputs(exp):
    """{output name: path} of the quality summary, named where its writers name them (summary_tables)."""
    return {name: str(path) for name, path in table_files(Path("results") / exp, QUALITY).items()}


def quality_tables(config, exp):
    """The quality tables, or nothing where the experiment switches them off."""
    if not classification_settings(config, exp)["quality"]["enabled"]:
        return []
    return list(quality_outputs(exp).values())


def get_quality_tables(wildcards, config):
    return quality_tables(config, wildcards.exp)


# --- a student's maps against its teacher's (IMPACTX's D against SHAP's; agreement.py) ----


def agreement_runs_of(config, exp):
    """(seed, student, teacher) of every IMPACTX-like method and its variants, per seed."""
    experiment = classification_settings(config, exp)
    return agreement_runs(experiment, classification_design(experiment))


@rule_params
def get_agreement_runs(wildcards, config):
    return agreement_runs_of(config, wildcards.exp)


def get_agreement_files(wildcards, config):
    """Each run's test score files, the student's and its teacher's."""
    return agreement_files(wildcards.exp, get_design(wildcards, config), agreement_runs_of(config, wildcards.exp))


def agreement_tables(config, exp):
    """The agreement table, where the experiment trains a method that learns a teacher's maps."""
    if not agreement_runs_of(config, exp):
        return []
    return [f"results/{exp}/classification_teacher_agreement.tsv"]


def get_agreement_tables(wildcards, config):
    return agreement_tables(config, wildcards.exp)


def classification_sections(config, exp):
    """Everything results/<exp>/report.html shows (the rules flag them with report())."""
    files = [
        f"results/{exp}/report/classification.html",
        f"results/{exp}/report/test_metric.png",
        f"results/{exp}/classification.tsv",
        f"results/{exp}/classification_per_seed.tsv",
        f"results/{exp}/classification_compute.tsv",
        f"results/{exp}/report/provenance.html",
    ]
    if classification_settings(config, exp)["quality"]["enabled"]:
        files += [
            quality_outputs(exp)["table"],
            f"results/{exp}/{QUALITY}_verdict.txt",
        ]
    simulability = simulability_tables(config, exp)
    return files + agreement_tables(config, exp) + simulability[:1] + simulability[-1:]
