# Raw parallel text for an experiment: the synthetic demo or the user's own files.


rule corpus:
    input:
        corpus_files,
    output:
        expand("results/{{exp}}/data/raw/{split}.{side}", split=SPLITS, side=SIDES),
    log:
        "results/{exp}/logs/corpus.log",
    benchmark:
        "results/{exp}/benchmarks/corpus.tsv"
    conda:
        CONDA_ENV
    params:
        dataset=lambda wildcards: dataset_settings(config, wildcards.exp),
    script:
        "../workflow_scripts/corpus.py"
