# Helpers of rules/classify_report.smk: which files of which arms the classification summary,
# the explanation-quality tables and the report read. Each returns the files (for `input:`)
# and, in the same order, what they are (for `params:`, no paths).

from ielearn.layout import agreement_files, agreement_runs
from ielearn.summary_runs import files_over_seeds


def cls_summary_files(wildcards):
    """Per arm of summary_arms: valid and test scores, test predictions, model."""
    design = cls_design(wildcards)
    return files_over_seeds(
        design,
        lambda seed, arm: classification_arm_files(wildcards.exp, design, seed, arm),
        ("valid", "test", "pred", "model"),
    )


def cls_provenance_scores(wildcards):
    """{test score: (seed, system, iteration)} of every score of the summary."""
    return dict(zip(cls_summary_files(wildcards)["test"], summary_arms(wildcards)))


def cls_all_summaries(wildcards):
    return [
        f"results/{exp}/classification.tsv"
        for exp in classification_experiments(config)
    ]


# --- explanation quality (config `quality`; ielearn/classify/quality.py) -----------------


def cls_quality_explainers(wildcards):
    """Systems whose words are rated (the design's: every explainer, then `random`)."""
    return list(cls_design(wildcards).quality_systems())


def cls_quality_settings(wildcards):
    """The quality measures' settings: with the inference backend (it runs every model call)."""
    return {
        **cls_extract_settings(wildcards),
        **backend_settings(cls_settings(wildcards)),
    }


def cls_quality_inputs(wildcards):
    """Model k-1 (the one that chose iteration k's words), the test split as it read it, and
    the words' rankings."""
    k = int(wildcards.k)
    return {
        "model": cls_model(wildcards, k - 1),
        "examples": cls_examples(wildcards, k - 1, "test"),
        "rankings": f"{cls_here(wildcards)}/rankings/test.jsonl",
    }


def cls_quality_runs(wildcards):
    """(seed, explainer, iteration) of every quality curve, in the order of cls_quality_curves."""
    design = cls_design(wildcards)
    return [
        (seed, system, k)
        for seed in design.seeds
        for system, k in design.quality_runs()
    ]


def cls_quality_curves(wildcards):
    design = cls_design(wildcards)
    return [
        quality_curves_file(wildcards.exp, design, seed, system, k)
        for seed, system, k in cls_quality_runs(wildcards)
    ]


def cls_quality_tables(exp):
    """The quality tables, or nothing where the experiment switches them off."""
    if not classification_settings(config, exp)["quality"]["enabled"]:
        return []
    return [
        f"results/{exp}/classification_quality{suffix}.tsv"
        for suffix in ("", "_per_seed", "_comparisons", "_comparisons_per_seed")
    ]


# --- a student's maps against its teacher's (IMPACTX's D against SHAP's; agreement.py) ----


def cls_agreement_runs_of(exp):
    """(seed, student, teacher) of every IMPACTX-like method and its variants, per seed."""
    experiment = classification_settings(config, exp)
    return agreement_runs(experiment, classification_design(experiment))


def cls_agreement_runs(wildcards):
    return cls_agreement_runs_of(wildcards.exp)


def cls_agreement_files(wildcards):
    """Each run's test score files, the student's and its teacher's."""
    return agreement_files(
        wildcards.exp, cls_design(wildcards), cls_agreement_runs(wildcards)
    )


def cls_agreement_tables(exp):
    """The agreement table, where the experiment trains a method that learns a teacher's maps."""
    if not cls_agreement_runs_of(exp):
        return []
    return [f"results/{exp}/classification_teacher_agreement.tsv"]


def classification_sections(exp):
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
            f"results/{exp}/classification_quality.tsv",
            f"results/{exp}/classification_quality_verdict.txt",
        ]
    simulability = cls_simulability_tables(exp)
    return files + cls_agreement_tables(exp) + simulability[:1] + simulability[-1:]
