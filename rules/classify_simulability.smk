# Scaffolded simulability and SMaT (docs/simulability.md): the pool of labelled examples no
# split uses; SMaT's map learned per seed on the baseline (the `smat` explainer reads it); one
# student per seed, setting, budget and index (the design's simulability_runs), and the tables
# over seeds. Paths: results/<exp>/examples/pool.tsv, results/<exp>/<seed_dir>smat/learned/
# explainer.json, results/<exp>/<seed_dir>simulability/<setting>/budget_<b>/student_<i>.json,
# results/<exp>/classification_simulability*.tsv and _verdict.txt.


rule cls_pool:
    input:
        cls_dataset_files,
    output:
        "results/{exp}/examples/pool.tsv",
    log:
        "results/{exp}/logs/cls_pool.log",
    benchmark:
        "results/{exp}/benchmarks/cls_pool.tsv"
    conda:
        CONDA_ENV
    params:
        dataset=cls_dataset,
    script:
        "../workflow_scripts/classify_pool.py"


# SMaT's head coefficients of the replicate's baseline: its student learns on the pool, its
# outer loss reads valid (SIM is measured on test).
rule cls_learn_explainer:
    input:
        unpack(cls_learn_inputs),
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
        learner=lambda wildcards: systems.system(cls_system(wildcards)).learner,
        task=cls_task,
        pretrained=lambda wildcards: cls_settings(wildcards)["model"],
        settings=cls_learn_settings,
        where=cls_simulability_where,
    script:
        "../workflow_scripts/classify_learn_explainer.py"


# One student: trained on its budget of the pool with the baseline's labels and the setting's
# maps, scored on test against the baseline's predictions.
rule cls_simulate:
    input:
        unpack(cls_simulate_inputs),
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
        task=cls_task,
        pretrained=lambda wildcards: cls_settings(wildcards)["model"],
        settings=cls_simulate_settings,
        where=cls_simulability_where,
    script:
        "../workflow_scripts/classify_simulate.py"


rule cls_simulability_summary:
    input:
        cls_simulability_students,
    output:
        table=report(
            "results/{exp}/classification_simulability.tsv",
            category="1. Summary",
            subcategory="{exp}",
            caption="../captions/cls_simulability_tsv.rst",
        ),
        per_seed="results/{exp}/classification_simulability_per_seed.tsv",
        comparisons="results/{exp}/classification_simulability_comparisons.tsv",
        comparisons_per_seed="results/{exp}/classification_simulability_comparisons_per_seed.tsv",
        verdict=report(
            "results/{exp}/classification_simulability_verdict.txt",
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
        runs=cls_simulability_runs,
        comparisons=lambda wildcards: cls_design(wildcards).simulability_comparisons(),
        seeds=lambda wildcards: cls_settings(wildcards)["seeds"],
        significance=lambda wildcards: cls_settings(wildcards)["significance"],
    script:
        "../workflow_scripts/classify_simulability_summary.py"
