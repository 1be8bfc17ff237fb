# Moses tokenisation, length filter (train only), truecasing, joint BPE, fairseq dictionaries.


def language(wildcards):
    dataset = dataset_settings(config, wildcards.exp)
    return dataset["src_lang"] if wildcards.side == "src" else dataset["tgt_lang"]


def cleaned(wildcards):
    """Train goes through the length filter; valid and test never lose a line."""
    stage = "clean" if wildcards.split == "train" else "tok"
    return f"results/{wildcards.exp}/data/{stage}/{wildcards.split}.{wildcards.side}"


rule tokenize:
    input:
        "results/{exp}/data/raw/{split}.{side}",
    output:
        "results/{exp}/data/tok/{split}.{side}",
    params:
        lang=language,
    log:
        "results/{exp}/logs/tokenize/{split}.{side}.log",
    benchmark:
        "results/{exp}/benchmarks/tokenize/{split}.{side}.tsv"
    script:
        "../workflow_scripts/tokenize.py"


rule filter_train:
    input:
        src="results/{exp}/data/tok/train.src",
        tgt="results/{exp}/data/tok/train.tgt",
    output:
        src="results/{exp}/data/clean/train.src",
        tgt="results/{exp}/data/clean/train.tgt",
    params:
        max_len=lambda wildcards: experiment_settings(config, wildcards.exp)["max_len"],
        max_ratio=lambda wildcards: experiment_settings(config, wildcards.exp)["max_ratio"],
    log:
        "results/{exp}/logs/filter_train.log",
    benchmark:
        "results/{exp}/benchmarks/filter_train.tsv"
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
    script:
        "../workflow_scripts/train_truecaser.py"


rule truecase:
    input:
        text=cleaned,
        model="results/{exp}/data/truecase/model.{side}",
    output:
        "results/{exp}/data/truecased/{split}.{side}",
    log:
        "results/{exp}/logs/truecase/{split}.{side}.log",
    benchmark:
        "results/{exp}/benchmarks/truecase/{split}.{side}.tsv"
    script:
        "../workflow_scripts/truecase.py"


rule learn_bpe:
    input:
        expand("results/{{exp}}/data/truecased/train.{side}", side=SIDES),
    output:
        "results/{exp}/data/bpe.codes",
    params:
        merges=lambda wildcards: experiment_settings(config, wildcards.exp)["bpe_merges"],
    log:
        "results/{exp}/logs/learn_bpe.log",
    benchmark:
        "results/{exp}/benchmarks/learn_bpe.tsv"
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
    script:
        "../workflow_scripts/apply_bpe.py"


rule build_dictionaries:
    input:
        src="results/{exp}/data/bpe/train.src",
        tgt="results/{exp}/data/bpe/train.tgt",
    output:
        directory("results/{exp}/data/dict"),
    params:
        separator=lambda wildcards: experiment_settings(config, wildcards.exp)["separator"],
    log:
        "results/{exp}/logs/build_dictionaries.log",
    benchmark:
        "results/{exp}/benchmarks/build_dictionaries.tsv"
    script:
        "../workflow_scripts/build_dictionaries.py"
