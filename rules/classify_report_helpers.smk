# Helpers of rules/classify_report.smk: which files of which arms the classification summary,
# the explanation-quality tables and the report read. Each returns the files (for `input:`)
# and, in the same order, what they are (for `params:`, no paths).

from ielearn import systems


def cls_summary_arms(wildcards):
    """[(seed, system, iteration)] of every seed's arms (ielearn/design.py decides which)."""
    design = cls_design(wildcards)
    return [
        (seed, arm.system, arm.iteration)
        for seed in design.seeds
        for arm in design.arms()
    ]


def cls_summary_files(wildcards):
    """Per arm of cls_summary_arms: valid and test scores, test predictions, model."""
    design = cls_design(wildcards)
    files = [
        classification_arm_files(wildcards.exp, design, seed, arm)
        for seed in design.seeds
        for arm in design.arms()
    ]
    return {
        kind: [arm[kind] for arm in files]
        for kind in ("valid", "test", "pred", "model")
    }


def cls_provenance_scores(wildcards):
    """{test score: (seed, system, iteration)} of every score of the summary."""
    return dict(zip(cls_summary_files(wildcards)["test"], cls_summary_arms(wildcards)))


def cls_all_summaries(wildcards):
    return [
        f"results/{exp}/classification.tsv"
        for exp in classification_experiments(config)
    ]


# --- explanation quality (config `quality`; ielearn/classify/quality.py) -----------------


def cls_quality_explainers(wildcards):
    """Systems whose words are rated: every explainer, then `random` (the floor)."""
    return [*cls_design(wildcards).mains, systems.RANDOM]


def cls_quality_iterations(wildcards, explainer):
    """Iterations whose words are rated: all of them, but `random` only at iteration 1 (its
    words on the baseline, a tokenizer's draw) unless the random control runs."""
    design = cls_design(wildcards)
    if explainer == systems.RANDOM and systems.RANDOM not in design.controls:
        return [1]
    return list(range(1, design.depth + 1))


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
    return [
        (seed, explainer, k)
        for seed in cls_settings(wildcards)["seeds"]
        for explainer in cls_quality_explainers(wildcards)
        for k in cls_quality_iterations(wildcards, explainer)
    ]


def cls_quality_curves(wildcards):
    design, exp = cls_design(wildcards), wildcards.exp
    dirs = [
        iteration_dir(exp, seed_dir(design.seeds, seed), system_dir(design, system), k)
        for seed, system, k in cls_quality_runs(wildcards)
    ]
    return [f"{here}/quality/test.tsv" for here in dirs]


def cls_quality_tables(exp):
    """The quality tables, or nothing where the experiment switches them off."""
    if not classification_settings(config, exp)["quality"]["enabled"]:
        return []
    return [
        f"results/{exp}/classification_quality{suffix}.tsv"
        for suffix in ("", "_per_seed", "_comparisons", "_comparisons_per_seed")
    ]


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
    return files
