# Helpers of rules/classify.smk (classification experiments: config.yaml `classification:`).
# Paths: results/<exp>/examples/ (data, shared by all seeds); per replicate seed, below
# results/<exp>/<seed_dir> (seed_dir = '' for the first seed, 'seed_<s>/' for the others):
# baseline/ (iteration 0, shared by all explainers) and <explainer>/iter_<k>/ (words, enriched
# input, model of iteration k; the controls: `random` appends a random word of the example,
# `none` appends nothing); scc/model, the SCC system (iteration 0 of the `scc` explainer).

import re

from ielearn.classify.config import (
    classification_dataset,
    classification_experiments,
    classification_settings,
    replicate_settings,
    seed_dir,
    seed_of as cls_seed_of,
)
from ielearn.classify.tasks import task_of
from ielearn.design import NOTHING, SCC, classification_design
from ielearn.sweep import candidate_dir, candidate_rate, sweep_rates

# explainers that extract words (ielearn.classify.extract); `none` appends nothing
EXTRACTORS = "attention|lime|shap|scc"
# systems whose inputs get a word appended: the extractors and the `random` control
APPENDERS = f"{EXTRACTORS}|random"


wildcard_constraints:
    explainer=f"{APPENDERS}|none",
    seed_dir=r"(seed_\d+/)?",
    shard=r"\d+",


def cls_settings(wildcards):
    return classification_settings(config, wildcards.exp)


def cls_replicate(wildcards):
    """Settings of the replicate seed named by the seed_dir wildcard."""
    experiment = cls_settings(wildcards)
    return replicate_settings(
        experiment, cls_seed_of(experiment, wildcards.seed_dir, wildcards.exp)
    )


def cls_experiment_pattern():
    """Regex of the classification experiment names (rule-level constraint of their report)."""
    return (
        "|".join(re.escape(name) for name in classification_experiments(config))
        or "(?!)"
    )


def cls_swept_pattern():
    """Regex of the classification experiments whose fine-tunes sweep rates (cls_pick_lr)."""
    return (
        "|".join(
            re.escape(name)
            for name in classification_experiments(config)
            if sweep_rates(classification_settings(config, name)["finetune"]["lr"])
        )
        or "(?!)"
    )


def cls_finetune_settings(wildcards):
    """Fine-tune settings of the replicate; a sweep candidate ('lr_<i>/') takes its rate."""
    settings = cls_replicate(wildcards)["finetune"]
    where = f"classification.experiments.{wildcards.exp}.finetune.lr"
    return {**settings, "lr": candidate_rate(settings["lr"], wildcards.sweep, where)}


def cls_finetune_scc(wildcards):
    """SCC's loss settings for the fine-tunes of the `scc` chain (its layer keeps explaining
    the model it trains with); None (cross entropy) for every other system."""
    return cls_settings(wildcards)["scc"] if wildcards.explainer == SCC else None


def cls_candidate_models(wildcards):
    """The model directory of every candidate of iteration k's sweep."""
    w = wildcards
    rates = cls_settings(wildcards)["finetune"]["lr"]
    here = f"results/{w.exp}/{w.seed_dir}{w.explainer}/iter_{w.k}"
    return [f"{here}/{candidate_dir(i)}model" for i in range(len(rates))]


def cls_dataset(wildcards):
    return classification_dataset(config, wildcards.exp)


def cls_task(wildcards):
    return task_of(cls_dataset(wildcards))


def cls_examples(exp, seed_dir, explainer, k, split):
    """Examples model k reads: the dataset for the baseline and the `none` control, x' (with
    k words) afterwards."""
    if int(k) == 0 or explainer == NOTHING:
        return f"results/{exp}/examples/{split}.tsv"
    return f"results/{exp}/{seed_dir}{explainer}/iter_{k}/input/{split}.tsv"


def cls_model(exp, seed_dir, explainer, k):
    """Model k of a system; the `scc` chain starts from the SCC model, the others from the
    baseline."""
    if int(k) == 0:
        return (
            f"results/{exp}/{seed_dir}{SCC if explainer == SCC else 'baseline'}/model"
        )
    return f"results/{exp}/{seed_dir}{explainer}/iter_{k}/model"


def cls_dataset_files(wildcards):
    """A `files` dataset's TSVs, so that editing them reruns what depends on them."""
    dataset = cls_dataset(wildcards)
    return [dataset[s] for s in SPLITS] if dataset["source"] == "files" else []


def cls_extract_inputs(wildcards):
    """Words of iteration k come from model k-1 reading its own input format."""
    w = wildcards
    return {
        "model": cls_model(w.exp, w.seed_dir, w.explainer, int(w.k) - 1),
        "examples": cls_previous_examples(wildcards),
    }


def cls_extract_settings(wildcards):
    experiment = cls_settings(wildcards)
    return {
        "batch_size": experiment["batch_size"],
        "max_length": experiment["train"]["max_length"],
        "seed": cls_replicate(wildcards)["explainer_seed"],
        "lime": experiment["lime"],
        "shap": experiment["shap"],
    }


def cls_shard_files(kind, extension):
    """Input function: the shards of iteration k's words or rankings of a split."""

    def files(wildcards):
        w = wildcards
        shards = cls_settings(w)["shards"]
        here = f"results/{w.exp}/{w.seed_dir}{w.explainer}/iter_{w.k}/{kind}"
        return [f"{here}/{w.split}.shard_{i}.{extension}" for i in range(shards)]

    return files


def cls_previous_examples(wildcards):
    """The examples as iteration k-1 saw them: iteration k appends its word to these."""
    w = wildcards
    return cls_examples(w.exp, w.seed_dir, w.explainer, int(w.k) - 1, w.split)


def cls_random_seed(wildcards):
    """The `random` control's seed: the replicate's explainer seed, the iteration (else
    iteration k redraws the word of k-1) and the split, as translation's noise_seeds."""
    w = wildcards
    return f"{cls_replicate(wildcards)['explainer_seed']}-{w.k}-{w.split}"


def cls_enrich_inputs(wildcards):
    w = wildcards
    return {
        "examples": cls_previous_examples(wildcards),
        "words": f"results/{w.exp}/{w.seed_dir}{w.explainer}/iter_{w.k}/words/{w.split}.txt",
        # model k-1: its tokenizer fits x' to max_length
        "model": cls_model(w.exp, w.seed_dir, w.explainer, int(w.k) - 1),
    }


def cls_finetune_inputs(wildcards):
    w, k = wildcards, int(wildcards.k)
    return {
        "model": cls_model(w.exp, w.seed_dir, w.explainer, k - 1),
        "train": cls_examples(w.exp, w.seed_dir, w.explainer, k, "train"),
        "valid": cls_examples(w.exp, w.seed_dir, w.explainer, k, "valid"),
    }


def cls_score_inputs(wildcards):
    explainer = getattr(wildcards, "explainer", None)
    k = int(getattr(wildcards, "k", 0))
    w = wildcards
    return {
        "model": cls_model(w.exp, w.seed_dir, explainer, k),
        "valid": cls_examples(w.exp, w.seed_dir, explainer, k, "valid"),
        "test": cls_examples(w.exp, w.seed_dir, explainer, k, "test"),
    }


def cls_design(wildcards):
    return classification_design(cls_settings(wildcards))


def cls_summary_runs(wildcards):
    """Per seed, every arm of the design (ielearn/design.py): the paths of its valid and test
    scores and test predictions."""
    exp = wildcards.exp
    design = cls_design(wildcards)
    runs = []
    for seed in design.seeds:
        here = f"results/{exp}/{seed_dir(cls_settings(wildcards), seed)}"
        for arm in design.arms():
            if arm == design.baseline:
                valid, stem = f"{here}baseline/valid.score", f"{here}bootstrap_0"
            else:
                valid = f"{here}{arm.system}/iter_{arm.iteration}/valid.score"
                stem = f"{here}{arm.system}/bootstrap_{arm.iteration}"
            runs.append(
                {
                    "seed": seed,
                    "system": arm.system,
                    "iteration": arm.iteration,
                    "valid": valid,
                    "test": f"{stem}.score",
                    "pred": f"{stem}.pred",
                }
            )
    return runs


def cls_summary_models(wildcards):
    """Each run's model directory (its training.json), in the order of cls_summary_runs."""
    settings = cls_settings(wildcards)
    return [
        cls_model(
            wildcards.exp,
            seed_dir(settings, run["seed"]),
            run["system"],
            run["iteration"],
        )
        for run in cls_summary_runs(wildcards)
    ]


def cls_summary_inputs(wildcards):
    return [
        run[kind]
        for run in cls_summary_runs(wildcards)
        for kind in ("valid", "test", "pred")
    ]


def cls_all_summaries(wildcards):
    return [
        f"results/{exp}/classification.tsv"
        for exp in classification_experiments(config)
    ]


# --- explanation quality (config `quality`; ielearn/classify/quality.py) -----------------


def cls_quality_explainers(wildcards):
    """Systems whose words are rated: every explainer, then `random` (the floor)."""
    return [*cls_design(wildcards).mains, "random"]


def cls_quality_iterations(wildcards, explainer):
    """Iterations whose words are rated: all of them, but `random` only at iteration 1 (its
    words on the baseline, a tokenizer's draw) unless the random control runs."""
    design = cls_design(wildcards)
    if explainer == "random" and "random" not in design.controls:
        return [1]
    return list(range(1, design.depth + 1))


def cls_quality_inputs(wildcards):
    """Model k-1 (the one that chose iteration k's words), the test split as it read it, and
    the words' rankings."""
    w = wildcards
    here = f"results/{w.exp}/{w.seed_dir}{w.explainer}/iter_{w.k}"
    return {
        "model": cls_model(w.exp, w.seed_dir, w.explainer, int(w.k) - 1),
        "examples": cls_examples(w.exp, w.seed_dir, w.explainer, int(w.k) - 1, "test"),
        "rankings": f"{here}/rankings/test.jsonl",
    }


def cls_quality_runs(wildcards):
    """Per seed, explainer and iteration: the path of its quality curves."""
    settings = cls_settings(wildcards)
    return [
        {
            "seed": seed,
            "explainer": explainer,
            "iteration": k,
            "path": f"results/{wildcards.exp}/{seed_dir(settings, seed)}{explainer}/iter_{k}/quality/test.tsv",
        }
        for seed in settings["seeds"]
        for explainer in cls_quality_explainers(wildcards)
        for k in cls_quality_iterations(wildcards, explainer)
    ]


def cls_quality_curves(wildcards):
    return [run["path"] for run in cls_quality_runs(wildcards)]


def cls_quality_tables(wildcards):
    """The quality tables, or nothing where the experiment switches them off."""
    if not cls_settings(wildcards)["quality"]["enabled"]:
        return []
    return [
        f"results/{wildcards.exp}/classification_quality{suffix}.tsv"
        for suffix in ("", "_per_seed", "_comparisons", "_comparisons_per_seed")
    ]
