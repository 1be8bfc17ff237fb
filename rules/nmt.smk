# The bootstrap loop. Iteration 0 trains the baseline on x; iteration k >= 1 fine-tunes
# model k-1 on x' = x + the words model k-1 attended to while decoding its own input.
# Paths: results/{exp}/{seed_dir}{system_dir}iter_{k}/ (ielearn/layout.py, docs/layout.md).

from ielearn.workflow.nmt import decode_outputs, swept_experiments


rule enrich:
    input:
        source=wf.nmt.get_bpe_sources,
        positions=wf.nmt.get_previous_positions,
    output:
        src=expand(
            "results/{{exp}}/{{seed_dir}}{{system_dir}}iter_{{k}}/input/{split}.src",
            split=SPLITS,
        ),
        origin=expand(
            "results/{{exp}}/{{seed_dir}}{{system_dir}}iter_{{k}}/input/{split}.origin",
            split=SPLITS,
        ),
    log:
        "results/{exp}/logs/enrich/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/enrich/{seed_dir}{system_dir}iter_{k}.tsv"
    conda:
        CONDA_ENV
    params:
        system=wf.nmt.get_system,
        noise=wf.nmt.get_noise,
        separator=lambda wildcards: wf.nmt.get_setting(wildcards, key="separator"),
        seeds=wf.nmt.get_noise_seeds,
    script:
        "../workflow_scripts/enrich.py"


rule binarize:
    input:
        src=wf.nmt.get_model_inputs,
        tgt=wf.nmt.get_bpe_targets,
        origins=wf.nmt.get_model_origins,
        dictionaries=wf.nmt.get_dictionaries,
    output:
        directory("results/{exp}/{seed_dir}{system_dir}iter_{k}/bin"),
    log:
        "results/{exp}/logs/binarize/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/binarize/{seed_dir}{system_dir}iter_{k}.tsv"
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/binarize.py"


# {sweep} is '' (the one model of iteration k) or 'lr_<i>/', a candidate of a learning-rate
# sweep (finetune.lr a list): pick_lr then keeps the best on valid BLEU at iter_<k>/model/.
rule train:
    input:
        data="results/{exp}/{seed_dir}{system_dir}iter_{k}/bin",
        init=wf.nmt.get_previous_model,
    output:
        model="results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}model/best.pt",
        compute="results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}model/compute.json",
        record="results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}model/ielearn-training.json",
    log:
        "results/{exp}/logs/train/{seed_dir}{system_dir}{sweep}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/train/{seed_dir}{system_dir}{sweep}iter_{k}.tsv"
    conda:
        CONDA_ENV
    # one thread, as every job of both halves: on 2 cores a second thread made a fine-tune
    # 7-12x slower in wall time on a loaded machine, and left one training running alone
    # (docs/measurements.md, "Threads of a training"); give more with `--set-threads train=N`
    threads: 1
    resources:
        mem_mb=4000,
        runtime=24 * 60,
    params:
        plan=wf.nmt.get_training_plan,
    script:
        "../workflow_scripts/train.py"


# generate.backend ctranslate2: each model converted once, for every decode of it
rule convert_ctranslate2:
    input:
        data="results/{exp}/{seed_dir}{system_dir}iter_{k}/bin",
        model="results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}model/best.pt",
    output:
        directory("results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}ctranslate2"),
    log:
        "results/{exp}/logs/convert_ctranslate2/{seed_dir}{system_dir}{sweep}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/convert_ctranslate2/{seed_dir}{system_dir}{sweep}iter_{k}.tsv"
    conda:
        CONDA_ENV
    resources:
        mem_mb=4000,
    script:
        "../workflow_scripts/convert_ctranslate2.py"


# valid and test in one job (one fairseq import and model load; the score needs both); the
# train split only where the next iteration's enrich reads it
rule decode:
    input:
        unpack(
            lambda wildcards: wf.nmt.get_decode_inputs(wildcards, splits=EVAL_SPLITS)
        ),
    output:
        decode_outputs(EVAL_SPLITS),
    log:
        "results/{exp}/logs/decode/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/decode/{seed_dir}{system_dir}iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
        runtime=6 * 60,
    params:
        splits=EVAL_SPLITS,
        generate=lambda wildcards: wf.nmt.get_setting(wildcards, key="generate"),
        task=wf.nmt.get_fairseq_task,
    script:
        "../workflow_scripts/decode.py"


use rule decode as decode_train with:
    input:
        unpack(lambda wildcards: wf.nmt.get_decode_inputs(wildcards, splits=["train"])),
    output:
        decode_outputs(["train"]),
    log:
        "results/{exp}/logs/decode_train/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/decode_train/{seed_dir}{system_dir}iter_{k}.tsv"
    params:
        splits=["train"],
        generate=lambda wildcards: wf.nmt.get_setting(wildcards, key="generate"),
        task=wf.nmt.get_fairseq_task,


# a learning-rate sweep's candidate (sweep 'lr_<i>/') is decoded on valid only: the pick reads
# nothing else, and no candidate's test output exists to be looked at
use rule decode as decode_candidate with:
    input:
        unpack(
            lambda wildcards: wf.nmt.get_decode_inputs(
                wildcards, splits=["valid"], candidate=True
            )
        ),
    output:
        decode_outputs(["valid"], candidate=True),
    log:
        "results/{exp}/logs/decode/{seed_dir}{system_dir}{sweep}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/decode/{seed_dir}{system_dir}{sweep}iter_{k}.tsv"
    wildcard_constraints:
        sweep=CANDIDATE,
    params:
        splits=["valid"],
        generate=lambda wildcards: wf.nmt.get_setting(wildcards, key="generate"),
        task=wf.nmt.get_fairseq_task,


# A sweep's candidates (train with sweep 'lr_<i>/', their valid decode) → the arm's model.
rule pick_lr:
    input:
        models=lambda wildcards: wf.nmt.get_candidate_files(
            wildcards, path="model/best.pt"
        ),
        computes=lambda wildcards: wf.nmt.get_candidate_files(
            wildcards, path="model/compute.json"
        ),
        records=lambda wildcards: wf.nmt.get_candidate_files(
            wildcards, path="model/ielearn-training.json"
        ),
        valid=lambda wildcards: wf.nmt.get_candidate_files(
            wildcards, path="decode/valid.txt"
        ),
        reference=wf.nmt.get_valid_reference,
    output:
        model="results/{exp}/{seed_dir}{system_dir}iter_{k}/model/best.pt",
        compute="results/{exp}/{seed_dir}{system_dir}iter_{k}/model/compute.json",
        record="results/{exp}/{seed_dir}{system_dir}iter_{k}/model/ielearn-training.json",
        sweep="results/{exp}/{seed_dir}{system_dir}iter_{k}/model/lr_sweep.json",
    log:
        "results/{exp}/logs/pick_lr/{seed_dir}{system_dir}iter_{k}.log",
    wildcard_constraints:
        exp=names_pattern(swept_experiments(config)),
        k=r"[1-9]\d*",
    conda:
        CONDA_ENV
    params:
        rates=wf.nmt.get_finetune_rates,
    script:
        "../workflow_scripts/pick_lr.py"


# where a run sweeps, its fine-tuned model is the pick, not a training of its own
ruleorder: pick_lr > train


rule detokenize_hypotheses:
    input:
        expand(
            "results/{{exp}}/{{seed_dir}}{{system_dir}}iter_{{k}}/decode/{split}.hyp",
            split=EVAL_SPLITS,
        ),
    output:
        expand(
            "results/{{exp}}/{{seed_dir}}{{system_dir}}iter_{{k}}/decode/{split}.txt",
            split=EVAL_SPLITS,
        ),
    log:
        "results/{exp}/logs/detokenize/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/detokenize_hypotheses/{seed_dir}{system_dir}iter_{k}.tsv"
    conda:
        CONDA_ENV
    params:
        lang=wf.data.get_target_language,
    script:
        "../workflow_scripts/detokenize_hypotheses.py"


use rule detokenize_hypotheses as detokenize_candidate with:
    input:
        "results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}decode/valid.hyp",
    output:
        "results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}decode/valid.txt",
    log:
        "results/{exp}/logs/detokenize/{seed_dir}{system_dir}{sweep}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/detokenize_hypotheses/{seed_dir}{system_dir}{sweep}iter_{k}.tsv"
    wildcard_constraints:
        sweep=CANDIDATE,


rule score:
    input:
        unpack(wf.nmt.get_score_inputs),
        trainings=wf.provenance.get_translation_trainings,
    output:
        valid="results/{exp}/{seed_dir}{system_dir}iter_{k}/valid.bleu",
        test="results/{exp}/{seed_dir}{system_dir}bootstrap_{k}.bleu",
        provenance="results/{exp}/{seed_dir}{system_dir}bootstrap_{k}.bleu.provenance.json",
    log:
        "results/{exp}/logs/score/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/score/{seed_dir}{system_dir}iter_{k}.tsv"
    conda:
        CONDA_ENV
    params:
        words_seed=wf.provenance.get_translation_words_seed,
    script:
        "../workflow_scripts/score.py"


# Faithfulness of model k's attention words (README "Explanation quality"): its own test
# hypotheses scored on the input as is, with the attended source tokens masked and with as
# many random ones masked. The main system's runs only (a replicate), one job per model.
rule faithfulness:
    input:
        unpack(wf.nmt.get_faithfulness_inputs),
    output:
        "results/{exp}/{seed_dir}{system_dir}iter_{k}/faithfulness/test.tsv",
    log:
        "results/{exp}/logs/faithfulness/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/faithfulness/{seed_dir}{system_dir}iter_{k}.tsv"
    wildcard_constraints:
        system_dir="(?:)",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        seed=wf.nmt.get_faithfulness_seed,
        settings=lambda wildcards: wf.nmt.get_setting(wildcards, key="faithfulness"),
        max_tokens=wf.nmt.get_max_tokens,
        task=wf.nmt.get_fairseq_task,
    script:
        "../workflow_scripts/faithfulness.py"
