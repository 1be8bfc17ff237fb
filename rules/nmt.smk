# The bootstrap loop. Iteration 0 trains the baseline on x; iteration k >= 1 fine-tunes
# model k-1 on x' = x + the words model k-1 attended to while decoding its own input.
# `run` is an experiment ('demo') or one of its controls ('demo/control_random').


rule enrich:
    input:
        source=bpe_sources,
        positions=previous_positions,
    output:
        src=expand("results/{{run}}/iter_{{k}}/input/{split}.src", split=SPLITS),
        origin=expand("results/{{run}}/iter_{{k}}/input/{split}.origin", split=SPLITS),
    log:
        "results/{run}/logs/enrich/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/enrich/iter_{k}.tsv"
    conda:
        CONDA_ENV
    params:
        system=lambda wildcards: system_of(wildcards.run),
        noise=run_noise,
        separator=run_setting("separator"),
        seeds=noise_seeds,
    script:
        "../workflow_scripts/enrich.py"


rule binarize:
    input:
        src=all_model_inputs,
        tgt=all_bpe_targets,
        origins=all_model_origins,
        dictionaries=lambda wildcards: f"{data(wildcards.run)}/dict",
    output:
        directory("results/{run}/iter_{k}/bin"),
    log:
        "results/{run}/logs/binarize/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/binarize/iter_{k}.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/binarize.py"


rule train:
    input:
        data="results/{run}/iter_{k}/bin",
        init=previous_model,
    output:
        model="results/{run}/iter_{k}/model/best.pt",
        compute="results/{run}/iter_{k}/model/compute.json",
        record="results/{run}/iter_{k}/model/ielearn-training.json",
    log:
        "results/{run}/logs/train/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/train/iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 2
    resources:
        mem_mb=4000,
        runtime=24 * 60,
    params:
        plan=training_settings,
    script:
        "../workflow_scripts/train.py"


# valid and test in one job (one fairseq import and model load; the score needs both); the
# train split only where the next iteration's enrich reads it
rule decode:
    input:
        unpack(decode_inputs(EVAL_SPLITS)),
    output:
        decode_outputs(EVAL_SPLITS),
    log:
        "results/{run}/logs/decode/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/decode/iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
        runtime=6 * 60,
    params:
        splits=EVAL_SPLITS,
        generate=run_setting("generate"),
        task=fairseq_task_of_run,
    script:
        "../workflow_scripts/decode.py"


use rule decode as decode_train with:
    input:
        unpack(decode_inputs(["train"])),
    output:
        decode_outputs(["train"]),
    log:
        "results/{run}/logs/decode_train/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/decode_train/iter_{k}.tsv"
    params:
        splits=["train"],
        generate=run_setting("generate"),
        task=fairseq_task_of_run,


rule detokenize_hypotheses:
    input:
        expand("results/{{run}}/iter_{{k}}/decode/{split}.hyp", split=EVAL_SPLITS),
    output:
        expand("results/{{run}}/iter_{{k}}/decode/{split}.txt", split=EVAL_SPLITS),
    log:
        "results/{run}/logs/detokenize/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/detokenize_hypotheses/iter_{k}.tsv"
    conda:
        CONDA_ENV
    params:
        lang=target_language,
    script:
        "../workflow_scripts/detokenize_hypotheses.py"


rule score:
    input:
        unpack(score_inputs),
        trainings=provenance_models,
    output:
        valid="results/{run}/iter_{k}/valid.bleu",
        test="results/{run}/bootstrap_{k}.bleu",
        provenance="results/{run}/bootstrap_{k}.bleu.provenance.json",
    log:
        "results/{run}/logs/score/iter_{k}.log",
    benchmark:
        "results/{run}/benchmarks/score/iter_{k}.tsv"
    conda:
        CONDA_ENV
    params:
        words_seed=provenance_words_seed,
    script:
        "../workflow_scripts/score.py"
