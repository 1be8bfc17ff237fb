# Moses tokenisation, length filter (train only), truecasing, joint BPE, fairseq dictionaries.


rule tokenize:
    input:
        "results/{exp}/data/raw/{split}.{side}",
    output:
        "results/{exp}/data/tok/{split}.{side}",
    log:
        "results/{exp}/logs/tokenize/{split}.{side}.log",
    benchmark:
        "results/{exp}/benchmarks/tokenize/{split}.{side}.tsv"
    conda:
        CONDA_ENV
    params:
        lang=wf.data.get_side_language,
    script:
        "../workflow_scripts/tokenize.py"


rule filter_train:
    input:
        src="results/{exp}/data/tok/train.src",
        tgt="results/{exp}/data/tok/train.tgt",
    output:
        src="results/{exp}/data/clean/train.src",
        tgt="results/{exp}/data/clean/train.tgt",
    log:
        "results/{exp}/logs/filter_train.log",
    benchmark:
        "results/{exp}/benchmarks/filter_train.tsv"
    conda:
        CONDA_ENV
    params:
        max_len=lambda wildcards: wf.nmt.get_setting(wildcards, key="max_len"),
        max_ratio=lambda wildcards: wf.nmt.get_setting(wildcards, key="max_ratio"),
    script:
        "../workflow_scripts/filter_train.py"


rule train_truecaser:
    input:
        "results/{exp}/data/clean/train.{side}",
    output:
        "results/{exp}/data/truecase/model.{side}",
    log:
        "results/{exp}/logs/train_truecaser/{side}.log",
    benchmark:
        "results/{exp}/benchmarks/train_truecaser/{side}.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/train_truecaser.py"


rule truecase:
    input:
        text=wf.data.get_tokenized_or_cleaned,
        model="results/{exp}/data/truecase/model.{side}",
    output:
        "results/{exp}/data/truecased/{split}.{side}",
    log:
        "results/{exp}/logs/truecase/{split}.{side}.log",
    benchmark:
        "results/{exp}/benchmarks/truecase/{split}.{side}.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/truecase.py"


rule learn_bpe:
    input:
        expand("results/{{exp}}/data/truecased/train.{side}", side=SIDES),
    output:
        "results/{exp}/data/bpe.codes",
    log:
        "results/{exp}/logs/learn_bpe.log",
    benchmark:
        "results/{exp}/benchmarks/learn_bpe.tsv"
    conda:
        CONDA_ENV
    params:
        merges=lambda wildcards: wf.nmt.get_setting(wildcards, key="bpe_merges"),
    script:
        "../workflow_scripts/learn_bpe.py"


rule apply_bpe:
    input:
        text="results/{exp}/data/truecased/{split}.{side}",
        codes="results/{exp}/data/bpe.codes",
    output:
        "results/{exp}/data/bpe/{split}.{side}",
    log:
        "results/{exp}/logs/apply_bpe/{split}.{side}.log",
    benchmark:
        "results/{exp}/benchmarks/apply_bpe/{split}.{side}.tsv"
    conda:
        CONDA_ENV
    params:
        limit=wf.data.get_bpe_line_limit,
        raw=wf.data.get_bpe_reported_file,
    script:
        "../workflow_scripts/apply_bpe.py"


rule build_dictionaries:
    input:
        src="results/{exp}/data/bpe/train.src",
        tgt="results/{exp}/data/bpe/train.tgt",
    output:
        directory("results/{exp}/data/dict"),
    log:
        "results/{exp}/logs/build_dictionaries.log",
    benchmark:
        "results/{exp}/benchmarks/build_dictionaries.tsv"
    conda:
        CONDA_ENV
    params:
        separator=lambda wildcards: wf.nmt.get_setting(wildcards, key="separator"),
    script:
        "../workflow_scripts/build_dictionaries.py"
