# The experiment's table: every system and iteration with valid and test BLEU.


rule summary:
    input:
        summary_inputs,
    output:
        "results/{exp}/summary.tsv",
    log:
        "results/{exp}/logs/summary.log",
    conda:
        CONDA_ENV
    params:
        runs=summary_runs,
    script:
        "../workflow_scripts/summary.py"
