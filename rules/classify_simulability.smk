# Scaffolded simulability and SMaT (docs/simulability.md): the pool of labelled examples no
# split uses; SMaT's map learned per seed on the baseline (the `smat` explainer reads it); one
# student per seed, setting, budget and index (the design's simulability_runs), and the tables
# over seeds. Paths: results/<exp>/examples/pool.tsv, results/<exp>/<seed_dir>smat/learned/
# explainer.json, results/<exp>/<seed_dir>simulability/<setting>/budget_<b>/student_<i>.json,
# results/<exp>/classification_simulability*.tsv and _verdict.txt.

from ielearn.workflow.simulability import simulability_outputs

# the summary's outputs, named where the tables' writers name them
SIMULABILITY_OUTPUTS = simulability_outputs("{exp}")


rule cls_pool:
    input:
        wf.classify.get_dataset_files,
    output:
        "results/{exp}/examples/pool.tsv",
    log:
        "results/{exp}/logs/cls_pool.log",
    benchmark:
        "results/{exp}/benchmarks/cls_pool.tsv"
    conda:
        CONDA_ENV
    params:
        dataset=wf.classify.get_dataset,
    script:
        "../workflow_scripts/classify_pool.py"


# SMaT's head coefficients of the replicate's baseline: its student learns on the pool, its
# outer loss reads valid (SIM is measured on test).
rule cls_learn_explainer:
    input:
        unpack(wf.simulability.get_learn_inputs),
    output:
        "results/{exp}/{seed_dir}{system_dir}learned/explainer.json",
    log:
        "results/{exp}/logs/cls_learn_explainer/{seed_dir}{system_dir}learned.log",
    benchmark:
        "results/{exp}/benchmarks/cls_learn_explainer/{seed_dir}{system_dir}learned.tsv"
    wildcard_constraints:
        system_dir=LEARNER_DIRS,
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=3000,
    params:
        learner=wf.simulability.get_learner,
        task=wf.classify.get_task,
        pretrained=lambda wildcards: wf.classify.get_setting(wildcards, key="model"),
        settings=wf.simulability.get_learn_settings,
        where=wf.simulability.get_simulability_where,
    script:
        "../workflow_scripts/classify_learn_explainer.py"


# One student: trained on its budget of the pool with the baseline's labels and the setting's
# maps, scored on test against the baseline's predictions.
rule cls_simulate:
    input:
        unpack(wf.simulability.get_simulate_inputs),
    output:
        "results/{exp}/{seed_dir}simulability/{setting}/budget_{budget}/student_{student}.json",
    log:
        "results/{exp}/logs/cls_simulate/{seed_dir}{setting}/budget_{budget}/student_{student}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_simulate/{seed_dir}{setting}/budget_{budget}/student_{student}.tsv"
    wildcard_constraints:
        setting=r"[^/]+",
        budget=r"\d+",
        student=r"\d+",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=3000,
    params:
        task=wf.classify.get_task,
        pretrained=lambda wildcards: wf.classify.get_setting(wildcards, key="model"),
        settings=wf.simulability.get_simulate_settings,
        where=wf.simulability.get_simulability_where,
    script:
        "../workflow_scripts/classify_simulate.py"


rule cls_simulability_summary:
    input:
        wf.simulability.get_simulability_students,
    output:
        table=report(
            SIMULABILITY_OUTPUTS["table"],
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_simulability_tsv.rst",
        ),
        per_seed=SIMULABILITY_OUTPUTS["per_seed"],
        comparisons=SIMULABILITY_OUTPUTS["comparisons"],
        comparisons_per_seed=SIMULABILITY_OUTPUTS["comparisons_per_seed"],
        fit=SIMULABILITY_OUTPUTS["fit"],
        verdict=report(
            SIMULABILITY_OUTPUTS["verdict"],
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_simulability_verdict.rst",
        ),
    log:
        "results/{exp}/logs/cls_simulability_summary.log",
    benchmark:
        "results/{exp}/benchmarks/cls_simulability_summary.tsv"
    conda:
        CONDA_ENV
    params:
        runs=wf.simulability.get_simulability_runs,
        comparisons=wf.simulability.get_simulability_comparisons,
        seeds=lambda wildcards: wf.classify.get_setting(wildcards, key="seeds"),
        significance=lambda wildcards: wf.classify.get_setting(
            wildcards, key="significance"
        ),
    script:
        "../workflow_scripts/classify_simulability_summary.py"
