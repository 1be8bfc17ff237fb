# Classification (Alg. 2 and 4): train the baseline, extract one word per example (sharded),
# append it, fine-tune again. Every job uses one torch thread: on a shared or small machine more
# threads only fight (measured: a MiniLM training step took 8x longer with 2 threads on a
# busy 2-core machine). Give more with the profile's `set-threads` on a big node.
# Paths (ielearn/layout.py, docs/layout.md): results/<exp>/<seed_dir><system_dir>iter_<k>/;
# the baseline is iter_0/ of each replicate, shared by every system; SCC (scc.enabled) trains
# its own scc/iter_0/ from the pretrained encoder. Scores: results/<exp>/bootstrap_0.score (the
# baseline), results/<exp>/<system_dir>bootstrap_<k>.score (an explainer, control_random/,
# control_none/, scc/). k is the model throughout: <system_dir>iter_<k>/words/ are the words
# model k chose (its explainer run on it), which iteration k+1 appends; a chain that starts
# from the shared baseline keeps its words of the baseline in <system_dir>iter_0/.

from ielearn.workflow.classify import swept_experiments


rule cls_examples:
    input:
        wf.classify.get_dataset_files,
    output:
        expand("results/{{exp}}/examples/{split}.tsv", split=SPLITS),
    log:
        "results/{exp}/logs/cls_examples.log",
    benchmark:
        "results/{exp}/benchmarks/cls_examples.tsv"
    conda:
        CONDA_ENV
    params:
        dataset=wf.classify.get_dataset,
    script:
        "../workflow_scripts/classify_examples.py"


# One rule for every model: k = 0 trains the baseline (system_dir '') or SCC ('scc/', with
# L = L_ce + L_sc + λ·L_cc) or IMPACTX ('impactx/' and its variants' 'impactx/control_<v>/',
# with CE + λ·MSE on the teacher's maps) from the pretrained encoder; k >= 1 fine-tunes model k-1 of the
# system's chain on x'. {sweep} is '' or 'lr_<i>/', a candidate of a learning-rate sweep
# (finetune.lr a list): cls_pick_lr then keeps the best on valid at iter_<k>/model.
rule cls_train:
    input:
        unpack(wf.classify.get_train_inputs),
    output:
        directory("results/{exp}/{seed_dir}{system_dir}iter_{k}/{sweep}model"),
    log:
        "results/{exp}/logs/cls_train/{seed_dir}{system_dir}{sweep}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_train/{seed_dir}{system_dir}{sweep}iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=4000,
    params:
        task=wf.classify.get_task,
        pretrained=wf.classify.get_pretrained,
        settings=wf.classify.get_train_settings,
        objective=wf.classify.get_train_objective,
    script:
        "../workflow_scripts/classify_train.py"


# The words (rankings, per-word scores) of model k of the system's chain, on the input it read.
rule cls_extract_shard:
    input:
        unpack(wf.classify.get_extract_inputs),
    output:
        words="results/{exp}/{seed_dir}{system_dir}iter_{k}/words/{split}.shard_{shard}.txt",
        rankings="results/{exp}/{seed_dir}{system_dir}iter_{k}/rankings/{split}.shard_{shard}.jsonl",
        scores="results/{exp}/{seed_dir}{system_dir}iter_{k}/scores/{split}.shard_{shard}.jsonl",
    log:
        "results/{exp}/logs/cls_extract/{seed_dir}{system_dir}iter_{k}/{split}.shard_{shard}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_extract/{seed_dir}{system_dir}iter_{k}/{split}.shard_{shard}.tsv"
    wildcard_constraints:
        system_dir=EXTRACTOR_DIRS,
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=3000,
    params:
        task=wf.classify.get_task,
        explainer=wf.classify.get_explainer,
        settings=wf.classify.get_shard_settings,
        shards=lambda wildcards: wf.classify.get_setting(wildcards, key="shards"),
    script:
        "../workflow_scripts/classify_extract.py"


rule cls_gather_words:
    input:
        words=lambda wildcards: wf.classify.get_shard_files(
            wildcards, kind="words", extension="txt"
        ),
        rankings=lambda wildcards: wf.classify.get_shard_files(
            wildcards, kind="rankings", extension="jsonl"
        ),
        scores=lambda wildcards: wf.classify.get_shard_files(
            wildcards, kind="scores", extension="jsonl"
        ),
    output:
        words="results/{exp}/{seed_dir}{system_dir}iter_{k}/words/{split}.txt",
        rankings="results/{exp}/{seed_dir}{system_dir}iter_{k}/rankings/{split}.jsonl",
        scores="results/{exp}/{seed_dir}{system_dir}iter_{k}/scores/{split}.jsonl",
    log:
        "results/{exp}/logs/cls_gather/{seed_dir}{system_dir}iter_{k}/{split}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_gather/{seed_dir}{system_dir}iter_{k}/{split}.tsv"
    wildcard_constraints:
        system_dir=EXTRACTOR_DIRS,
    conda:
        CONDA_ENV
    script:
        "../workflow_scripts/classify_gather.py"


# The `random` control's words of model k: only its tokenizer (the candidate words), no shards.
rule cls_random_words:
    input:
        unpack(wf.classify.get_extract_inputs),
    output:
        words="results/{exp}/{seed_dir}{system_dir}iter_{k}/words/{split}.txt",
        rankings="results/{exp}/{seed_dir}{system_dir}iter_{k}/rankings/{split}.jsonl",
    log:
        "results/{exp}/logs/cls_extract/{seed_dir}{system_dir}iter_{k}/{split}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_extract/{seed_dir}{system_dir}iter_{k}/{split}.tsv"
    wildcard_constraints:
        system_dir=RANDOM_DIRS,
    conda:
        CONDA_ENV
    params:
        task=wf.classify.get_task,
        seed=wf.classify.get_random_seed,
        settings=wf.classify.get_extract_settings,
    script:
        "../workflow_scripts/classify_random_words.py"


# A variant's random targets (IMPACTX's random_maps): per-word scores drawn at random for the
# words the classifier reads; only the pretrained tokenizer, no model.
rule cls_random_maps:
    input:
        examples=wf.classify.get_examples_of_split,
    output:
        "results/{exp}/{seed_dir}{system_dir}iter_0/maps/{split}.jsonl",
    log:
        "results/{exp}/logs/cls_random_maps/{seed_dir}{system_dir}{split}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_random_maps/{seed_dir}{system_dir}{split}.tsv"
    wildcard_constraints:
        system_dir=DRAWN_MAP_DIRS,
    conda:
        CONDA_ENV
    params:
        task=wf.classify.get_task,
        pretrained=lambda wildcards: wf.classify.get_setting(wildcards, key="model"),
        max_length=lambda wildcards: wf.classify.get_replicate_setting(
            wildcards, stage="train", key="max_length"
        ),
        seed=wf.classify.get_random_maps_seed,
    script:
        "../workflow_scripts/classify_random_maps.py"


# x' of model k: the examples model k-1 read, with the words model k-1 chose appended.
rule cls_enrich:
    input:
        unpack(wf.classify.get_enrich_inputs),
    output:
        "results/{exp}/{seed_dir}{system_dir}iter_{k}/input/{split}.tsv",
    log:
        "results/{exp}/logs/cls_enrich/{seed_dir}{system_dir}iter_{k}/{split}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_enrich/{seed_dir}{system_dir}iter_{k}/{split}.tsv"
    wildcard_constraints:
        system_dir=APPENDER_DIRS,
    conda:
        CONDA_ENV
    params:
        task=wf.classify.get_task,
        max_length=lambda wildcards: wf.classify.get_replicate_setting(
            wildcards, stage="finetune", key="max_length"
        ),
    script:
        "../workflow_scripts/classify_enrich.py"


rule cls_pick_lr:
    input:
        wf.classify.get_candidate_models,
    output:
        directory("results/{exp}/{seed_dir}{system_dir}iter_{k}/model"),
    log:
        "results/{exp}/logs/cls_pick_lr/{seed_dir}{system_dir}iter_{k}.log",
    wildcard_constraints:
        exp=names_pattern(swept_experiments(config)),
        k=r"[1-9]\d*",
    conda:
        CONDA_ENV
    params:
        rates=wf.classify.get_finetune_rates,
    script:
        "../workflow_scripts/classify_pick_lr.py"


# where an experiment sweeps, a fine-tuned model is the pick, not a training of its own
ruleorder: cls_pick_lr > cls_train


rule cls_score:
    input:
        unpack(wf.classify.get_score_inputs),
        trainings=wf.provenance.get_classification_trainings,
    output:
        valid="results/{exp}/{seed_dir}{system_dir}iter_{k}/valid.score",
        test="results/{exp}/{seed_dir}{system_dir}bootstrap_{k}.score",
        valid_pred="results/{exp}/{seed_dir}{system_dir}iter_{k}/valid.pred",
        test_pred="results/{exp}/{seed_dir}{system_dir}bootstrap_{k}.pred",
        provenance="results/{exp}/{seed_dir}{system_dir}bootstrap_{k}.score.provenance.json",
    log:
        "results/{exp}/logs/cls_score/{seed_dir}{system_dir}iter_{k}.log",
    benchmark:
        "results/{exp}/benchmarks/cls_score/{seed_dir}{system_dir}iter_{k}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    params:
        task=wf.classify.get_task,
        settings=wf.classify.get_extract_settings,
        words_seed=wf.provenance.get_classification_words_seed,
    script:
        "../workflow_scripts/classify_score.py"
