# Raw parallel text for an experiment: the synthetic demo or the user's own files.


def corpus_inputs(wildcards):
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] != "files":
        return []
    return [dataset[split][side] for split in SPLITS for side in SIDES]


rule corpus:
    input:
        corpus_inputs,
    output:
        expand("results/{{exp}}/data/raw/{split}.{side}", split=SPLITS, side=SIDES),
    params:
        dataset=lambda wildcards: dataset_settings(config, wildcards.exp),
    log:
        "results/{exp}/logs/corpus.log",
    benchmark:
        "results/{exp}/benchmarks/corpus.tsv"
    script:
        "../workflow_scripts/corpus.py"
