# The bootstrap loop. Iteration 0 trains the baseline on x; iteration k >= 1 fine-tunes
# model k-1 on x' = x + words that model k-1 attended to while decoding its own input.
# `run` is an experiment ('demo') or one of its controls ('demo/control_random').

from ielearn.nmt.train import training_args


def training_settings(wildcards):
    experiment = settings(wildcards.run)
    stage = "train" if int(wildcards.k) == 0 else "finetune"
    return training_args(
        experiment["arch"], experiment["model"], experiment[stage], experiment["seed"]
    )


def previous_model(wildcards):
    k = int(wildcards.k)
    return [] if k == 0 else f"{iteration(wildcards.run, k - 1)}/model/best.pt"


rule enrich:
    input:
        source=lambda wildcards: f"{data(wildcards.run)}/bpe/{wildcards.split}.src",
        positions=lambda wildcards: f"{iteration(wildcards.run, int(wildcards.k) - 1)}/decode/{wildcards.split}.pos",
    output:
        src="results/{run}/iter_{k}/input/{split}.src",
        origin="results/{run}/iter_{k}/input/{split}.origin",
    params:
        system=lambda wildcards: system_of(wildcards.run),
        noise=lambda wildcards: settings(wildcards.run)["noise"],
        separator=lambda wildcards: settings(wildcards.run)["separator"],
        seed=lambda wildcards: f"{settings(wildcards.run)['seed']}-{wildcards.k}-{wildcards.split}",
    log:
        "results/{run}/logs/enrich/iter_{k}.{split}.log",
    benchmark:
        "results/{run}/benchmarks/enrich/iter_{k}.{split}.tsv"
    script:
        "../workflow_scripts/enrich.py"


rule binarize:
    input:
        src=lambda wildcards: [
            model_input(wildcards.run, wildcards.k, split) for split in SPLITS
        ],
        tgt=lambda wildcards: [f"{data(wildcards.run)}/bpe/{split}.tgt" for split in SPLITS],
        dictionaries=lambda wildcards: f"{data(wildcards.run)}/dict",
    output:
        directory("results/{run}/iter_{k}/bin"),
    log:
        "results/{run}/logs/binarize/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/binarize/iter_{k}.tsv"
    script:
        "../workflow_scripts/binarize.py"


rule train:
    input:
        data="results/{run}/iter_{k}/bin",
        init=previous_model,
    output:
        "results/{run}/iter_{k}/model/best.pt",
    params:
        args=training_settings,
    threads: 2
    resources:
        mem_mb=4000,
        runtime=24 * 60,
    log:
        "results/{run}/logs/train/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/train/iter_{k}.tsv"
    script:
        "../workflow_scripts/train.py"


rule decode:
    input:
        data=lambda wildcards: f"{iteration(wildcards.run, wildcards.k)}/bin",
        model=lambda wildcards: f"{iteration(wildcards.run, wildcards.k)}/model/best.pt",
        text=lambda wildcards: model_input(wildcards.run, wildcards.k, wildcards.split),
        origin=lambda wildcards: (
            []
            if int(wildcards.k) == 0
            else f"{iteration(wildcards.run, wildcards.k)}/input/{wildcards.split}.origin"
        ),
        source=lambda wildcards: f"{data(wildcards.run)}/bpe/{wildcards.split}.src",
    output:
        hyp="results/{run}/iter_{k}/decode/{split}.hyp",
        pos="results/{run}/iter_{k}/decode/{split}.pos",
        words="results/{run}/iter_{k}/decode/{split}.words",
    params:
        generate=lambda wildcards: settings(wildcards.run)["generate"],
    threads: 1
    resources:
        mem_mb=4000,
        runtime=6 * 60,
    log:
        "results/{run}/logs/decode/iter_{k}.{split}.log",
    benchmark:
        "results/{run}/benchmarks/decode/iter_{k}.{split}.tsv"
    script:
        "../workflow_scripts/decode.py"


rule detokenize_hypotheses:
    input:
        "results/{run}/iter_{k}/decode/{split}.hyp",
    output:
        "results/{run}/iter_{k}/decode/{split}.txt",
    params:
        lang=lambda wildcards: dataset_settings(config, experiment_of(wildcards.run))["tgt_lang"],
    log:
        "results/{run}/logs/detokenize/iter_{k}.{split}.log",
    script:
        "../workflow_scripts/detokenize_hypotheses.py"


rule score:
    input:
        valid=lambda wildcards: f"{iteration(wildcards.run, wildcards.k)}/decode/valid.txt",
        test=lambda wildcards: f"{iteration(wildcards.run, wildcards.k)}/decode/test.txt",
        valid_ref=lambda wildcards: f"{data(wildcards.run)}/raw/valid.tgt",
        test_ref=lambda wildcards: f"{data(wildcards.run)}/raw/test.tgt",
    output:
        valid="results/{run}/iter_{k}/valid.bleu",
        test="results/{run}/bootstrap_{k}.bleu",
    log:
        "results/{run}/logs/score/iter_{k}.log",
    script:
        "../workflow_scripts/score.py"
