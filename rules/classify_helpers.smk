# Helpers of rules/classify.smk (classification experiments: config.yaml `classification:`).
# Paths: results/<exp>/examples/ (data), results/<exp>/baseline/ (iteration 0, shared by all
# explainers), results/<exp>/<explainer>/iter_<k>/ (words, enriched input, model of iteration k).

from ielearn.classify.config import (
    classification_dataset,
    classification_experiments,
    classification_settings,
)
from ielearn.classify.tasks import task_of


wildcard_constraints:
    explainer="attention|lime|shap",
    shard=r"\d+",


def cls_settings(wildcards):
    return classification_settings(config, wildcards.exp)


def cls_dataset(wildcards):
    return classification_dataset(config, wildcards.exp)


def cls_task(wildcards):
    return task_of(cls_dataset(wildcards))


def cls_examples(exp, explainer, k, split):
    """Examples model k reads: the dataset for the baseline, x' (with k words) afterwards."""
    if int(k) == 0:
        return f"results/{exp}/examples/{split}.tsv"
    return f"results/{exp}/{explainer}/iter_{k}/input/{split}.tsv"


def cls_model(exp, explainer, k):
    if int(k) == 0:
        return f"results/{exp}/baseline/model"
    return f"results/{exp}/{explainer}/iter_{k}/model"


def cls_dataset_files(wildcards):
    """A `files` dataset's TSVs, so that editing them reruns what depends on them."""
    dataset = cls_dataset(wildcards)
    return [dataset[s] for s in SPLITS] if dataset["source"] == "files" else []


def cls_extract_inputs(wildcards):
    """Words of iteration k come from model k-1 reading its own input format."""
    previous = int(wildcards.k) - 1
    return {
        "model": cls_model(wildcards.exp, wildcards.explainer, previous),
        "examples": cls_examples(
            wildcards.exp, wildcards.explainer, previous, wildcards.split
        ),
    }


def cls_extract_settings(wildcards):
    experiment = cls_settings(wildcards)
    return {
        "batch_size": experiment["batch_size"],
        "max_length": experiment["train"]["max_length"],
        "seed": experiment["seed"],
        "lime": experiment["lime"],
        "shap": experiment["shap"],
    }


def cls_shard_files(wildcards):
    shards = cls_settings(wildcards)["shards"]
    here = f"results/{wildcards.exp}/{wildcards.explainer}/iter_{wildcards.k}/words"
    return [f"{here}/{wildcards.split}.shard_{i}.txt" for i in range(shards)]


def cls_enrich_inputs(wildcards):
    previous = int(wildcards.k) - 1
    return {
        "examples": cls_examples(
            wildcards.exp, wildcards.explainer, previous, wildcards.split
        ),
        "words": f"results/{wildcards.exp}/{wildcards.explainer}/iter_{wildcards.k}/words/{wildcards.split}.txt",
    }


def cls_finetune_inputs(wildcards):
    k = int(wildcards.k)
    return {
        "model": cls_model(wildcards.exp, wildcards.explainer, k - 1),
        "train": cls_examples(wildcards.exp, wildcards.explainer, k, "train"),
    }


def cls_finetune_settings(wildcards):
    return cls_settings(wildcards)["finetune"]


def cls_score_inputs(wildcards):
    explainer = getattr(wildcards, "explainer", None)
    k = int(getattr(wildcards, "k", 0))
    return {
        "model": cls_model(wildcards.exp, explainer, k),
        "valid": cls_examples(wildcards.exp, explainer, k, "valid"),
        "test": cls_examples(wildcards.exp, explainer, k, "test"),
    }


def cls_summary_runs(wildcards):
    """(system, iteration, valid score, test score) for the baseline and every explainer."""
    exp = wildcards.exp
    experiment = cls_settings(wildcards)
    runs = [
        (
            "baseline",
            0,
            f"results/{exp}/baseline/valid.score",
            f"results/{exp}/bootstrap_0.score",
        )
    ]
    for explainer in experiment["explainers"]:
        runs += [
            (
                explainer,
                k,
                f"results/{exp}/{explainer}/iter_{k}/valid.score",
                f"results/{exp}/{explainer}/bootstrap_{k}.score",
            )
            for k in range(1, experiment["bootstrap"] + 1)
        ]
    return runs


def cls_summary_inputs(wildcards):
    return [path for run in cls_summary_runs(wildcards) for path in run[2:]]


def cls_all_summaries(wildcards):
    return [
        f"results/{exp}/classification.tsv"
        for exp in classification_experiments(config)
    ]
