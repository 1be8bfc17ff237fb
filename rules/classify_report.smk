# What a classification experiment shows: the explanation quality of every system's words,
# the table over seeds with its tests, the verdict, and the pages of results/<exp>/report.html
# (`snakemake --report`, see rules/provenance.smk). Targets: results/<exp>/classification.tsv
# (mean ± sd over seeds, p-values) with classification_quality.tsv beside it (config
# `quality`), and classification_simulability.tsv where `simulability` is enabled.

from ielearn.workflow.classify_report import quality_outputs

# the quality summary's outputs, named where the tables' writers name them
QUALITY_OUTPUTS = quality_outputs("{exp}")


rule classify_all:
    input:
        wf.classify_report.get_all_summaries,


# Explanation quality of model k's words (test split; the words iteration k+1 appends) on
# model k of the explainer's chain, reading its own input (ielearn/classify/quality.py).
rule cls_quality:
    input:
        unpack(wf.classify_report.get_quality_inputs),
    output:
        "results/{exp}/{seed_dir}{system_dir}iter_{k}/quality/test.tsv",
    log:
        "results/{exp}/logs/cls_quality/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_quality/{seed_dir}{system_dir}iter_{k}.tsv"
    wildcard_constraints:
        system_dir=APPENDER_DIRS,
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=3000,
    params:
        task=wf.classify.get_task,
        settings=wf.classify_report.get_quality_settings,
        quality=lambda wildcards: wf.classify.get_setting(wildcards, key="quality"),
    script:
        "../workflow_scripts/classify_quality.py"


rule cls_quality_summary:
    input:
        wf.classify_report.get_quality_curves,
    output:
        table=report(
            QUALITY_OUTPUTS["table"],
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_quality_tsv.rst",
        ),
        per_seed=QUALITY_OUTPUTS["per_seed"],
        comparisons=QUALITY_OUTPUTS["comparisons"],
        comparisons_per_seed=QUALITY_OUTPUTS["comparisons_per_seed"],
    log:
        "results/{exp}/logs/cls_quality_summary.log",
    benchmark:
        "results/{exp}/benchmarks/cls_quality_summary.tsv"
    conda:
        CONDA_ENV
    params:
        runs=wf.classify_report.get_quality_runs,
        explainers=wf.classify_report.get_quality_explainers,
        depth=lambda wildcards: wf.classify.get_setting(wildcards, key="bootstrap"),
        seeds=lambda wildcards: wf.classify.get_setting(wildcards, key="seeds"),
        significance=lambda wildcards: wf.classify.get_setting(
            wildcards, key="significance"
        ),
    script:
        "../workflow_scripts/classify_quality_summary.py"


# In words: which explainers' words are faithful (against random words) and whether that goes
# with a gain in the test metric (ielearn/classify/quality_verdict.py).
rule cls_quality_verdict:
    input:
        quality="results/{exp}/classification_quality_comparisons.tsv",
        scores="results/{exp}/classification_comparisons.tsv",
    output:
        report(
            "results/{exp}/classification_quality_verdict.txt",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_quality_verdict.rst",
        ),
    log:
        "results/{exp}/logs/cls_quality_verdict.log",
    benchmark:
        "results/{exp}/benchmarks/cls_quality_verdict.tsv"
    conda:
        CONDA_ENV
    params:
        metric=wf.classify.get_metric,
    script:
        "../workflow_scripts/classify_quality_verdict.py"


# IMPACTX's own maps (D) against its teacher's on the test split: Spearman per example, averaged
# (ielearn/classify/impactx/agreement.py).
rule cls_teacher_agreement:
    input:
        unpack(wf.classify_report.get_agreement_files),
    output:
        report(
            "results/{exp}/classification_teacher_agreement.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_teacher_agreement.rst",
        ),
    log:
        "results/{exp}/logs/cls_teacher_agreement.log",
    benchmark:
        "results/{exp}/benchmarks/cls_teacher_agreement.tsv"
    conda:
        CONDA_ENV
    params:
        runs=wf.classify_report.get_agreement_runs,
    script:
        "../workflow_scripts/classify_teacher_agreement.py"


rule cls_summary:
    input:
        unpack(wf.classify_report.get_summary_files),
        # not read: built beside, so that the target classification.tsv brings them
        quality=wf.classify_report.get_quality_tables,
        agreement=wf.classify_report.get_agreement_tables,
        simulability=wf.simulability.get_simulability_tables,
    output:
        table=report(
            "results/{exp}/classification.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_summary_tsv.rst",
        ),
        per_seed=report(
            "results/{exp}/classification_per_seed.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_per_seed.rst",
        ),
        comparisons="results/{exp}/classification_comparisons.tsv",
        comparisons_per_seed="results/{exp}/classification_comparisons_per_seed.tsv",
        verdict="results/{exp}/classification_verdict.txt",
        item_records="results/{exp}/classification_items_per_seed.tsv.gz",
        scores="results/{exp}/classification_scores_per_seed.tsv",
        compute=report(
            "results/{exp}/classification_compute.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_compute_tsv.rst",
        ),
    log:
        "results/{exp}/logs/cls_summary.log",
    benchmark:
        "results/{exp}/benchmarks/cls_summary.tsv"
    conda:
        CONDA_ENV
    params:
        arms=wf.halves.get_summary_arms,
        task=wf.classify.get_task,
        design=wf.classify.get_design,
        significance=lambda wildcards: wf.classify.get_setting(
            wildcards, key="significance"
        ),
    script:
        "../workflow_scripts/classify_summary.py"


rule cls_report_summary:
    input:
        table="results/{exp}/classification.tsv",
    output:
        html=report(
            "results/{exp}/report/classification.html",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_summary.rst",
        ),
        plot=report(
            "results/{exp}/report/test_metric.png",
            category="2. Bootstrap iterations",
            subcategory="{exp}",
            caption="../captions/cls_plot.rst",
        ),
    log:
        "results/{exp}/logs/cls_report_summary.log",
    benchmark:
        "results/{exp}/benchmarks/cls_report_summary.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/classify_report.py"
