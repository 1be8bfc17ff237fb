# Classification (Alg. 2 and 4): fine-tune, extract one word per example (sharded), append
# it, fine-tune again. Every job uses one torch thread: on a shared or small machine more
# threads only fight (measured: a MiniLM training step took 8x longer with 2 threads on a
# busy 2-core machine). Give more with the profile's `set-threads` on a big node.
# Targets: results/<exp>/bootstrap_0.score (baseline),
# results/<exp>/<explainer>/bootstrap_<k>.score and results/<exp>/classification.tsv.


rule classify_all:
    input:
        cls_all_summaries,


rule cls_examples:
    input:
        cls_dataset_files,
    output:
        expand("results/{{exp}}/examples/{split}.tsv", split=SPLITS),
    log:
        "results/{exp}/logs/cls_examples.log",
    benchmark:
        "results/{exp}/benchmarks/cls_examples.tsv"
    conda:
        CONDA_ENV
    params:
        dataset=cls_dataset,
    script:
        "../workflow_scripts/classify_examples.py"


rule cls_train_baseline:
    input:
        train="results/{exp}/examples/train.tsv",
    output:
        directory("results/{exp}/baseline/model"),
    log:
        "results/{exp}/logs/cls_train/baseline.log",
    benchmark:
        "results/{exp}/benchmarks/cls_train/baseline.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        task=cls_task,
        pretrained=lambda wildcards: cls_settings(wildcards)["model"],
        settings=lambda wildcards: cls_settings(wildcards)["train"],
    script:
        "../workflow_scripts/classify_train.py"


rule cls_extract_shard:
    input:
        unpack(cls_extract_inputs),
    output:
        "results/{exp}/{explainer}/iter_{k}/words/{split}.shard_{shard}.txt",
    log:
        "results/{exp}/logs/cls_extract/{explainer}/iter_{k}/{split}.shard_{shard}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_extract/{explainer}/iter_{k}/{split}.shard_{shard}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=3000,
    params:
        task=cls_task,
        settings=cls_extract_settings,
        shards=lambda wildcards: cls_settings(wildcards)["shards"],
    script:
        "../workflow_scripts/classify_extract.py"


rule cls_gather_words:
    input:
        cls_shard_files,
    output:
        "results/{exp}/{explainer}/iter_{k}/words/{split}.txt",
    log:
        "results/{exp}/logs/cls_gather/{explainer}/iter_{k}/{split}.log",
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/classify_gather.py"


rule cls_enrich:
    input:
        unpack(cls_enrich_inputs),
    output:
        "results/{exp}/{explainer}/iter_{k}/input/{split}.tsv",
    log:
        "results/{exp}/logs/cls_enrich/{explainer}/iter_{k}/{split}.log",
    conda:
        CONDA_ENV
    params:
        task=cls_task,
    script:
        "../workflow_scripts/classify_enrich.py"


rule cls_finetune:
    input:
        unpack(cls_finetune_inputs),
    output:
        directory("results/{exp}/{explainer}/iter_{k}/model"),
    log:
        "results/{exp}/logs/cls_train/{explainer}/iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_train/{explainer}/iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        task=cls_task,
        pretrained=None,
        settings=cls_finetune_settings,
    script:
        "../workflow_scripts/classify_train.py"


rule cls_score_baseline:
    input:
        unpack(cls_score_inputs),
    output:
        valid="results/{exp}/baseline/valid.score",
        test="results/{exp}/bootstrap_0.score",
    log:
        "results/{exp}/logs/cls_score/baseline.log",
    benchmark:
        "results/{exp}/benchmarks/cls_score/baseline.tsv"
    conda:
        CONDA_ENV
    threads: 1
    params:
        task=cls_task,
        settings=cls_extract_settings,
    script:
        "../workflow_scripts/classify_score.py"


rule cls_score:
    input:
        unpack(cls_score_inputs),
    output:
        valid="results/{exp}/{explainer}/iter_{k}/valid.score",
        test="results/{exp}/{explainer}/bootstrap_{k}.score",
    log:
        "results/{exp}/logs/cls_score/{explainer}/iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_score/{explainer}/iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    params:
        task=cls_task,
        settings=cls_extract_settings,
    script:
        "../workflow_scripts/classify_score.py"


rule cls_summary:
    input:
        cls_summary_inputs,
    output:
        "results/{exp}/classification.tsv",
    log:
        "results/{exp}/logs/cls_summary.log",
    conda:
        CONDA_ENV
    params:
        runs=cls_summary_runs,
    script:
        "../workflow_scripts/classify_summary.py"
