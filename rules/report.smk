# The experiment's table (every system and iteration, valid and test BLEU) and its verdict.


rule summary:
    input:
        summary_inputs,
    output:
        table="results/{exp}/summary.tsv",
        verdict="results/{exp}/verdict.txt",
    log:
        "results/{exp}/logs/summary.log",
    conda:
        CONDA_ENV
    params:
        runs=summary_runs,
    script:
        "../workflow_scripts/summary.py"
