# Helpers of rules/classify*.smk (classification experiments: config.yaml `classification:`).
# Paths (ielearn/layout.py): results/<exp>/examples/ (data, shared by all seeds); per
# replicate seed, below results/<exp>/<seed_dir>: iter_0/ (the baseline, shared by every
# system) and <system_dir>iter_<k>/ (words, enriched input, model of iteration k) with
# system_dir '<explainer>/' or 'control_<c>/' (`random` appends a random word of the example,
# `none` nothing); scc/iter_0/, the SCC system trained from the pretrained encoder, whose chain
# has its own controls scc/control_<c>/ (the same loss, from scc/iter_0); impactx/iter_0/,
# IMPACTX trained on its teacher's per-word scores of the baseline, and its variants
# impactx/control_<v>/iter_0/ (each its own model 0).

from ielearn import systems
from ielearn.classify.backends import backend_settings
from ielearn.classify.config import (
    classification_dataset,
    classification_settings,
    replicate_settings,
    training_key,
)
from ielearn.classify.tasks import task_of
from ielearn.design import classification_design, control_of, method_of, teacher_of
from ielearn.layout import (
    classification_arm_files,
    control_dirs,
    examples_file,
    iteration_dir,
    quality_curves_file,
    seed_dir,
    seed_of_dir,
    start_dir,
    system_dir,
    system_of_dir,
    variant_dirs,
)
from ielearn.sweep import candidate_dir, sweep_rates

# system_dirs of the systems that extract words (the explainers), of the controls that draw
# random words, and of those that get a word appended
EXPLAINER_NAMES = "|".join(systems.names(systems.EXPLAINER))
DRAWING_CONTROLS = list(filter(systems.draws_all_words, systems.names(systems.CONTROL)))
# (and the variants of a trained explainer: their maps against the teacher's, agreement.py)
EXTRACTOR_DIRS = f"({EXPLAINER_NAMES}|{variant_dirs()})/"
RANDOM_DIRS = f"{control_dirs(DRAWING_CONTROLS)}/"
APPENDER_DIRS = f"({EXPLAINER_NAMES}|{control_dirs(DRAWING_CONTROLS)})/"
# system_dirs of the variants whose targets are drawn at random (IMPACTX's random_maps)
DRAWN_MAP_DIRS = "({})/".format(
    "|".join(
        systems.system(v).directory.rstrip("/")
        for v in systems.names(systems.VARIANT)
        if systems.system(v).draws
    )
)


def cls_settings(wildcards):
    return classification_settings(config, wildcards.exp)


def cls_design(wildcards):
    return classification_design(cls_settings(wildcards))


def cls_system(wildcards):
    """The system a system_dir names: 'baseline' for '', an explainer or a control."""
    return system_of_dir(cls_design(wildcards), wildcards.system_dir)[0]


def cls_replicate(wildcards):
    """Settings of the replicate seed named by the seed_dir wildcard."""
    experiment = cls_settings(wildcards)
    seed = seed_of_dir(experiment, wildcards.seed_dir, wildcards.exp)
    return replicate_settings(experiment, seed)


def cls_here(wildcards, k=None):
    """Directory of the wildcards' model, or of model k of the same system's chain: the
    `scc` chain and its controls start from the SCC model (scc/iter_0), a variant from its
    own model 0, every other from the baseline.
    """
    w, k = wildcards, wildcards.k if k is None else k
    start = start_dir(cls_design(w), cls_system(w))
    return iteration_dir(w.exp, w.seed_dir, w.system_dir, k, start=start)


def cls_model(wildcards, k):
    return f"{cls_here(wildcards, k)}/model"


def cls_examples(wildcards, k, split):
    """Examples model k reads: the dataset for iteration 0 and the `none` control, x' (with
    k words) afterwards."""
    control = control_of(cls_system(wildcards))
    if int(k) == 0 or (control and not systems.system(control).appends):
        return examples_file(wildcards.exp, split)
    return f"{cls_here(wildcards, k)}/input/{split}.tsv"


def cls_swept_experiments():
    """The classification experiments whose fine-tunes sweep rates (cls_pick_lr)."""
    return [
        name
        for name in classification_experiments(config)
        if sweep_rates(classification_settings(config, name)["finetune"]["lr"])
    ]


def cls_dataset(wildcards):
    return classification_dataset(config, wildcards.exp)


def cls_task(wildcards):
    return task_of(cls_dataset(wildcards))


def cls_dataset_files(wildcards):
    """A `files` dataset's TSVs, so that editing them reruns what depends on them."""
    dataset = cls_dataset(wildcards)
    return [dataset[s] for s in SPLITS] if dataset["source"] == "files" else []


# --- training: the baseline and SCC (k = 0, from the pretrained encoder), fine-tunes (k >= 1)


def cls_train_inputs(wildcards):
    """Train and valid examples as model k reads them; for k >= 1 also model k-1; for the
    model 0 of a method that learns from a teacher (IMPACTX), the per-word scores it learns
    (`maps_<split>`)."""
    k = int(wildcards.k)
    inputs = {split: cls_examples(wildcards, k, split) for split in ("train", "valid")}
    return (
        {"model": cls_model(wildcards, k - 1)} if k else cls_teacher_maps(wildcards)
    ) | inputs


def cls_teacher_maps(wildcards):
    """{maps_train, maps_valid} of a model 0 that learns per-word scores: the teacher's
    extraction on the baseline (<teacher>/iter_1/scores/), or a variant's own random draws
    (cls_random_maps); {} for every other model 0."""
    design, system = cls_design(wildcards), cls_system(wildcards)
    start = design.start_of(system)
    if start is None or not systems.system(method_of(start)[0]).teacher:
        return {}
    variant = method_of(start)[1]
    if variant and systems.system(variant).draws:
        here = f"{cls_here(wildcards, 0)}/maps"
    else:
        teacher = teacher_of(cls_settings(wildcards), method_of(start)[0])
        here = f"{iteration_dir(wildcards.exp, wildcards.seed_dir, system_dir(design, teacher), 1)}/scores"
    return {f"maps_{split}": f"{here}/{split}.jsonl" for split in ("train", "valid")}


def cls_pretrained(wildcards):
    """The pretrained encoder that iteration 0 starts from; None for a fine-tune."""
    return cls_settings(wildcards)["model"] if int(wildcards.k) == 0 else None


def cls_train_settings(wildcards):
    """The replicate's `train` (baseline), a trained method's `<section>.train` (SCC's
    `scc.train`) or `finetune` settings; a sweep candidate ('lr_<i>/') takes its rate from
    the list."""
    replicate = cls_replicate(wildcards)
    if int(wildcards.k) == 0:
        start = cls_design(wildcards).start_of(cls_system(wildcards))
        if start is None:
            return replicate["train"]
        return replicate[training_key(systems.system(method_of(start)[0]).settings)]
    settings = replicate["finetune"]
    where = f"classification.experiments.{wildcards.exp}.finetune.lr"
    return {**settings, "lr": candidate_rate(settings["lr"], wildcards.sweep, where)}


def cls_train_objective(wildcards):
    """The settings section of the trained method whose chain the model is on (SCC's, for
    the `scc` chain and its controls: its layer keeps explaining the model it trains with),
    with a variant's changes (IMPACTX's lambda_zero: lambda 0), which
    workflow_scripts/classify_train.py hands to the method's objective; None (cross entropy)
    for every other system."""
    start = cls_design(wildcards).start_of(cls_system(wildcards))
    if start is None:
        return None
    method, variant = method_of(start)
    changes = dict(systems.system(variant).changes) if variant else {}
    return {**cls_settings(wildcards)[systems.system(method).settings], **changes}


def cls_candidate_models(wildcards):
    """The model directory of every candidate of iteration k's sweep."""
    rates = cls_settings(wildcards)["finetune"]["lr"]
    here = cls_here(wildcards)
    return [f"{here}/{candidate_dir(i)}model" for i in range(len(rates))]


# --- words, enriched inputs and scores ------------------------------------------------------


def cls_previous_examples(wildcards):
    """The examples as iteration k-1 saw them: iteration k appends its word to these."""
    return cls_examples(wildcards, int(wildcards.k) - 1, wildcards.split)


def cls_extract_inputs(wildcards):
    """Words of iteration k come from model k-1 reading its own input format (and, for an
    explainer that learns its map, SMaT, the map it learned of the replicate's baseline).
    """
    return {
        "model": cls_model(wildcards, int(wildcards.k) - 1),
        "examples": cls_previous_examples(wildcards),
        **cls_learned_inputs(wildcards),
    }


def cls_extract_settings(wildcards):
    """What the rankers read: the shared settings and each explainer's own section (LIME's
    `lime`, ...); a trained method's section is its training's, not its ranker's."""
    experiment = cls_settings(wildcards)
    return {
        "batch_size": experiment["batch_size"],
        "max_length": experiment["train"]["max_length"],
        "seed": cls_replicate(wildcards)["explainer_seed"],
        **{
            s.settings: experiment[s.settings]
            for s in map(systems.system, systems.names(systems.EXPLAINER))
            if s.settings and not s.is_a(systems.TRAINED_METHOD)
        },
    }


def cls_explainer(wildcards):
    """The explainer whose ranker runs: the system's own; a variant's method's (the
    lambda_zero control's D explained by IMPACTX's ranker)."""
    system = cls_system(wildcards)
    return method_of(system)[0] if system in cls_design(wildcards).variants else system


def cls_shard_settings(wildcards):
    """An extraction shard's settings: with the inference backend where the explainer's
    ranker only runs the model on texts (LIME, SHAP), with the learned map's file where it
    learns one (`learned`: SMaT's)."""
    explainer = systems.system(cls_explainer(wildcards))
    return {
        **cls_extract_settings(wildcards),
        **backend_settings(cls_settings(wildcards), explainer.forward_passes),
        **cls_learned_inputs(wildcards),
    }


def cls_shard_files(kind, extension):
    """Input function: the shards of iteration k's words or rankings of a split."""

    def files(wildcards):
        shards = cls_settings(wildcards)["shards"]
        here = f"{cls_here(wildcards)}/{kind}/{wildcards.split}"
        return [f"{here}.shard_{i}.{extension}" for i in range(shards)]

    return files


def cls_random_maps_seed(wildcards):
    """A variant's random targets: the replicate's explainer seed and the split."""
    return f"{cls_replicate(wildcards)['explainer_seed']}-{wildcards.split}"


def cls_random_seed(wildcards):
    """The `random` control's seed: the replicate's explainer seed, the iteration (else
    iteration k redraws the word of k-1) and the split, as translation's noise_seeds."""
    w = wildcards
    return f"{cls_replicate(wildcards)['explainer_seed']}-{w.k}-{w.split}"


def cls_enrich_inputs(wildcards):
    return {
        "examples": cls_previous_examples(wildcards),
        "words": f"{cls_here(wildcards)}/words/{wildcards.split}.txt",
        # model k-1: its tokenizer fits x' to max_length
        "model": cls_model(wildcards, int(wildcards.k) - 1),
    }


def cls_score_inputs(wildcards):
    k = int(wildcards.k)
    return {
        "model": cls_model(wildcards, k),
        "valid": cls_examples(wildcards, k, "valid"),
        "test": cls_examples(wildcards, k, "test"),
    }
