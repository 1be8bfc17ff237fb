# Classification (Alg. 2 and 4): fine-tune, extract one word per example (sharded), append
# it, fine-tune again. Every job uses one torch thread: on a shared or small machine more
# threads only fight (measured: a MiniLM training step took 8x longer with 2 threads on a
# busy 2-core machine). Give more with the profile's `set-threads` on a big node.
# Every model is trained once per replicate seed (config `seeds`); the first seed writes the
# paths below, seed s the same layout under results/<exp>/seed_<s>/ (wildcard seed_dir).
# Targets: results/<exp>/bootstrap_0.score (baseline),
# results/<exp>/<explainer>/bootstrap_<k>.score (the controls as explainers: `random` appends
# a randomly drawn word of the example, `none` nothing) and results/<exp>/classification.tsv
# (mean ± sd over seeds, p-values), with classification_quality.tsv beside it (explanation
# quality of every explainer's words, config `quality`); with scc.enabled,
# results/<exp>/scc/bootstrap_0.score (SCC, trained from the pretrained encoder).


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
        valid="results/{exp}/examples/valid.tsv",
    output:
        directory("results/{exp}/{seed_dir}baseline/model"),
    log:
        "results/{exp}/logs/{seed_dir}cls_train/baseline.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_train/baseline.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        task=cls_task,
        pretrained=lambda wildcards: cls_settings(wildcards)["model"],
        settings=lambda wildcards: cls_replicate(wildcards)["train"],
        scc=None,
    script:
        "../workflow_scripts/classify_train.py"


# SCC (ielearn/classify/scc/): trained from the pretrained encoder like the baseline, with
# L = L_ce + L_sc + λ·L_cc; scored by cls_score as scc/bootstrap_0.score.
rule cls_train_scc:
    input:
        train="results/{exp}/examples/train.tsv",
        valid="results/{exp}/examples/valid.tsv",
    output:
        directory("results/{exp}/{seed_dir}scc/model"),
    log:
        "results/{exp}/logs/{seed_dir}cls_train/scc.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_train/scc.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        task=cls_task,
        pretrained=lambda wildcards: cls_settings(wildcards)["model"],
        settings=lambda wildcards: cls_replicate(wildcards)["scc_train"],
        scc=lambda wildcards: cls_settings(wildcards)["scc"],
    script:
        "../workflow_scripts/classify_train.py"


rule cls_extract_shard:
    input:
        unpack(cls_extract_inputs),
    output:
        words="results/{exp}/{seed_dir}{explainer}/iter_{k}/words/{split}.shard_{shard}.txt",
        rankings="results/{exp}/{seed_dir}{explainer}/iter_{k}/rankings/{split}.shard_{shard}.jsonl",
    log:
        "results/{exp}/logs/{seed_dir}cls_extract/{explainer}/iter_{k}/{split}.shard_{shard}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_extract/{explainer}/iter_{k}/{split}.shard_{shard}.tsv"
    wildcard_constraints:
        explainer=EXTRACTORS,
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
        words=cls_shard_files("words", "txt"),
        rankings=cls_shard_files("rankings", "jsonl"),
    output:
        words="results/{exp}/{seed_dir}{explainer}/iter_{k}/words/{split}.txt",
        rankings="results/{exp}/{seed_dir}{explainer}/iter_{k}/rankings/{split}.jsonl",
    log:
        "results/{exp}/logs/{seed_dir}cls_gather/{explainer}/iter_{k}/{split}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_gather/{explainer}/iter_{k}/{split}.tsv"
    wildcard_constraints:
        explainer=EXTRACTORS,
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/classify_gather.py"


# The `random` control's words: only model k-1's tokenizer (the candidate words), no shards.
rule cls_random_words:
    input:
        unpack(cls_extract_inputs),
    output:
        words="results/{exp}/{seed_dir}{explainer}/iter_{k}/words/{split}.txt",
        rankings="results/{exp}/{seed_dir}{explainer}/iter_{k}/rankings/{split}.jsonl",
    log:
        "results/{exp}/logs/{seed_dir}cls_extract/{explainer}/iter_{k}/{split}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_extract/{explainer}/iter_{k}/{split}.tsv"
    wildcard_constraints:
        explainer="random",
    conda:
        CONDA_ENV
    params:
        task=cls_task,
        seed=cls_random_seed,
        settings=cls_extract_settings,
    script:
        "../workflow_scripts/classify_random_words.py"


rule cls_enrich:
    input:
        unpack(cls_enrich_inputs),
    output:
        "results/{exp}/{seed_dir}{explainer}/iter_{k}/input/{split}.tsv",
    log:
        "results/{exp}/logs/{seed_dir}cls_enrich/{explainer}/iter_{k}/{split}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_enrich/{explainer}/iter_{k}/{split}.tsv"
    wildcard_constraints:
        explainer=APPENDERS,
    conda:
        CONDA_ENV
    params:
        task=cls_task,
        max_length=lambda wildcards: cls_replicate(wildcards)["finetune"]["max_length"],
    script:
        "../workflow_scripts/classify_enrich.py"


# {sweep} is '' (the one model of iteration k) or 'lr_<i>/', a candidate of a learning-rate
# sweep (finetune.lr a list): cls_pick_lr then keeps the best on valid at iter_<k>/model.
rule cls_finetune:
    input:
        unpack(cls_finetune_inputs),
    output:
        directory("results/{exp}/{seed_dir}{explainer}/iter_{k}/{sweep}model"),
    log:
        "results/{exp}/logs/{seed_dir}cls_train/{explainer}/{sweep}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_train/{explainer}/{sweep}iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        task=cls_task,
        pretrained=None,
        settings=cls_finetune_settings,
        scc=cls_finetune_scc,
    script:
        "../workflow_scripts/classify_train.py"


# A sweep's candidates → the arm's model: the best valid score of their training.json.
rule cls_pick_lr:
    input:
        cls_candidate_models,
    output:
        directory("results/{exp}/{seed_dir}{explainer}/iter_{k}/model"),
    log:
        "results/{exp}/logs/{seed_dir}cls_pick_lr/{explainer}/iter_{k}.log",
    wildcard_constraints:
        exp=cls_swept_pattern(),
        k=r"[1-9]\d*",
    conda:
        CONDA_ENV
    params:
        rates=lambda wildcards: cls_settings(wildcards)["finetune"]["lr"],
    script:
        "../workflow_scripts/classify_pick_lr.py"


# where an experiment sweeps, a fine-tuned model is the pick, not a training of its own
ruleorder: cls_pick_lr > cls_finetune


rule cls_score_baseline:
    input:
        unpack(cls_score_inputs),
        trainings=cls_provenance_models,
    output:
        valid="results/{exp}/{seed_dir}baseline/valid.score",
        test="results/{exp}/{seed_dir}bootstrap_0.score",
        valid_pred="results/{exp}/{seed_dir}baseline/valid.pred",
        test_pred="results/{exp}/{seed_dir}bootstrap_0.pred",
        provenance="results/{exp}/{seed_dir}bootstrap_0.score.provenance.json",
    log:
        "results/{exp}/logs/{seed_dir}cls_score/baseline.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_score/baseline.tsv"
    conda:
        CONDA_ENV
    threads: 1
    params:
        task=cls_task,
        settings=cls_extract_settings,
        words_seed=cls_provenance_words_seed,
    script:
        "../workflow_scripts/classify_score.py"


rule cls_score:
    input:
        unpack(cls_score_inputs),
        trainings=cls_provenance_models,
    output:
        valid="results/{exp}/{seed_dir}{explainer}/iter_{k}/valid.score",
        test="results/{exp}/{seed_dir}{explainer}/bootstrap_{k}.score",
        valid_pred="results/{exp}/{seed_dir}{explainer}/iter_{k}/valid.pred",
        test_pred="results/{exp}/{seed_dir}{explainer}/bootstrap_{k}.pred",
        provenance="results/{exp}/{seed_dir}{explainer}/bootstrap_{k}.score.provenance.json",
    log:
        "results/{exp}/logs/{seed_dir}cls_score/{explainer}/iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_score/{explainer}/iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    params:
        task=cls_task,
        settings=cls_extract_settings,
        words_seed=cls_provenance_words_seed,
    script:
        "../workflow_scripts/classify_score.py"


# Explanation quality of iteration k's words (test split) on the model that chose them:
# model k-1 of the explainer's chain, reading its own input (ielearn/classify/quality.py).
rule cls_quality:
    input:
        unpack(cls_quality_inputs),
    output:
        "results/{exp}/{seed_dir}{explainer}/iter_{k}/quality/test.tsv",
    log:
        "results/{exp}/logs/{seed_dir}cls_quality/{explainer}/iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/{seed_dir}cls_quality/{explainer}/iter_{k}.tsv"
    wildcard_constraints:
        explainer=APPENDERS,
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=3000,
    params:
        task=cls_task,
        settings=cls_extract_settings,
        k=lambda wildcards: cls_settings(wildcards)["quality"]["k"],
    script:
        "../workflow_scripts/classify_quality.py"


rule cls_quality_summary:
    input:
        cls_quality_curves,
    output:
        table=report(
            "results/{exp}/classification_quality.tsv",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/cls_quality_tsv.rst",
        ),
        per_seed="results/{exp}/classification_quality_per_seed.tsv",
        comparisons="results/{exp}/classification_quality_comparisons.tsv",
        comparisons_per_seed="results/{exp}/classification_quality_comparisons_per_seed.tsv",
    log:
        "results/{exp}/logs/cls_quality_summary.log",
    benchmark:
        "results/{exp}/benchmarks/cls_quality_summary.tsv"
    conda:
        CONDA_ENV
    params:
        runs=cls_quality_runs,
        explainers=cls_quality_explainers,
        depth=lambda wildcards: cls_settings(wildcards)["bootstrap"],
        seeds=lambda wildcards: cls_settings(wildcards)["seeds"],
        significance=lambda wildcards: cls_settings(wildcards)["significance"],
    script:
        "../workflow_scripts/classify_quality_summary.py"


rule cls_summary:
    input:
        scores=cls_summary_inputs,
        models=cls_summary_models,
        # not read: built beside, so that the target classification.tsv brings them
        quality=cls_quality_tables,
    output:
        table="results/{exp}/classification.tsv",
        per_seed="results/{exp}/classification_per_seed.tsv",
        comparisons="results/{exp}/classification_comparisons.tsv",
        comparisons_per_seed="results/{exp}/classification_comparisons_per_seed.tsv",
        verdict="results/{exp}/classification_verdict.txt",
        compute=report(
            "results/{exp}/classification_compute.tsv",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/cls_compute_tsv.rst",
        ),
    log:
        "results/{exp}/logs/cls_summary.log",
    benchmark:
        "results/{exp}/benchmarks/cls_summary.tsv"
    conda:
        CONDA_ENV
    params:
        runs=cls_summary_runs,
        task=cls_task,
        design=cls_design,
        significance=lambda wildcards: cls_settings(wildcards)["significance"],
    script:
        "../workflow_scripts/classify_summary.py"


# Sections of Snakemake's --report (rules flag them with report()); sections.txt lists them.
# The translation report writes the same path pattern, so exp is limited to classification.
rule cls_report_sections:
    input:
        table="results/{exp}/classification.tsv",
        per_seed="results/{exp}/classification_per_seed.tsv",
        compute="results/{exp}/classification_compute.tsv",
        provenance="results/{exp}/report/provenance.html",
        quality=cls_quality_tables,
    output:
        sections="results/{exp}/report/sections.txt",
        html=report(
            "results/{exp}/report/summary.html",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/cls_summary.rst",
        ),
        tsv=report(
            "results/{exp}/report/summary.tsv",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/cls_summary_tsv.rst",
        ),
        per_seed=report(
            "results/{exp}/report/per_seed.tsv",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/cls_per_seed.rst",
        ),
        plot=report(
            "results/{exp}/report/test_metric.png",
            category="Classification",
            subcategory="{exp}",
            caption="../captions/cls_plot.rst",
        ),
    log:
        "results/{exp}/logs/cls_report_sections.log",
    benchmark:
        "results/{exp}/benchmarks/cls_report_sections.tsv"
    wildcard_constraints:
        exp=cls_experiment_pattern(),
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/classify_report.py"
