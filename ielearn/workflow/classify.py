"""Classification's chain rules (rules/classify.smk). Paths (ielearn/layout.py):
results/<exp>/examples/ (data, shared by all seeds); per replicate seed, below
results/<exp>/<seed_dir>: iter_0/ (the baseline, shared by every system) and
<system_dir>iter_<k>/ (model k, the enriched input it read, the system's words of model k,
which iteration k+1 appends) with system_dir '<explainer>/' or 'control_<c>/'; a trained method's own model 0 (<method>/iter_0/), its chain's
controls (<method>/control_<c>/) and its variants (<method>/control_<v>/iter_0/, each its own
model 0)."""

from ielearn import systems
from ielearn.classify.backends import backend_settings
from ielearn.classify.config import classification_dataset, classification_experiments, classification_settings
from ielearn.classify.config import replicate_settings, training_key
from ielearn.classify.simulability import measure
from ielearn.classify.tasks import task_of
from ielearn.design import classification_design, control_of, method_of, teacher_of
from ielearn.layout import examples_file, explained_dir, iteration_dir, learned_file, seed_of_dir, start_dir
from ielearn.layout import system_dir
from ielearn.layout import system_of_dir
from ielearn.sweep import candidate_dir, candidate_rate, sweep_rates
from ielearn.workflow.params import rule_params
from ielearn.workflow.patterns import SPLITS


def settings(wildcards, config):
    return classification_settings(config, wildcards.exp)


def get_design(wildcards, config):
    return classification_design(settings(wildcards, config))


def get_system(wildcards, config):
    """The system a system_dir names: 'baseline' for '', an explainer or a control."""
    return system_of_dir(get_design(wildcards, config), wildcards.system_dir)[0]


def replicate(wildcards, config):
    """Settings of the replicate seed named by the seed_dir wildcard."""
    experiment = settings(wildcards, config)
    seed = seed_of_dir(experiment, wildcards.seed_dir, wildcards.exp)
    return replicate_settings(experiment, seed)


def here(wildcards, config, k=None):
    """Directory of the wildcards' model, or of model k of the same system's chain: a trained
    method's chain and its controls start from the method's model 0, a variant from its own
    model 0, every other from the baseline."""
    w, k = wildcards, wildcards.k if k is None else k
    start = start_dir(get_design(w, config), get_system(w, config))
    return iteration_dir(w.exp, w.seed_dir, w.system_dir, k, start=start)


def explained(wildcards, k=None):
    """Where the wildcards' system keeps its words (rankings, scores, quality) of model k of
    its chain (default: the wildcards' k)."""
    w = wildcards
    return explained_dir(w.exp, w.seed_dir, w.system_dir, w.k if k is None else k)


def model(wildcards, config, k):
    return f"{here(wildcards, config, k)}/model"


def examples(wildcards, config, k, split):
    """Examples model k reads: the dataset for iteration 0 and a control that appends nothing,
    x' (with k words) afterwards."""
    control = control_of(get_system(wildcards, config))
    if int(k) == 0 or (control and not systems.system(control).appends):
        return examples_file(wildcards.exp, split)
    return f"{here(wildcards, config, k)}/input/{split}.tsv"


def swept_experiments(config):
    """The classification experiments whose fine-tunes sweep rates (cls_pick_lr)."""
    return [
        name
        for name in classification_experiments(config)
        if sweep_rates(classification_settings(config, name)["finetune"]["lr"])
    ]


@rule_params
def get_dataset(wildcards, config):
    return classification_dataset(config, wildcards.exp)


def get_task(wildcards, config):
    return task_of(classification_dataset(config, wildcards.exp))


def get_metric(wildcards, config):
    """The name of the task's metric (accuracy, macro F1, ...)."""
    return get_task(wildcards, config).metric


def get_dataset_files(wildcards, config):
    """A `files` dataset's TSVs, so that editing them reruns what depends on them."""
    dataset = classification_dataset(config, wildcards.exp)
    return [dataset[s] for s in SPLITS] if dataset["source"] == "files" else []


@rule_params
def get_setting(wildcards, config, key):
    """One setting of the classification experiment (`key`: model, shards, quality, ...)."""
    return settings(wildcards, config)[key]


@rule_params
def get_replicate_setting(wildcards, config, stage, key):
    """One setting of the replicate's `stage` (train, finetune): max_length, seed, ..."""
    return replicate(wildcards, config)[stage][key]


# --- training: the baseline and a trained method's model 0 (k = 0), fine-tunes (k >= 1) ----


def get_train_inputs(wildcards, config):
    """Train and valid examples as model k reads them; for k >= 1 also model k-1; for the
    model 0 of a method that learns from a teacher (IMPACTX), the per-word scores it learns
    (`maps_<split>`)."""
    k = int(wildcards.k)
    inputs = {split: examples(wildcards, config, k, split) for split in ("train", "valid")}
    return ({"model": model(wildcards, config, k - 1)} if k else teacher_maps(wildcards, config)) | inputs


def teacher_maps(wildcards, config):
    """{maps_train, maps_valid} of a model 0 that learns per-word scores: the teacher's
    extraction on the baseline (<teacher>/iter_0/scores/), or a variant's own random draws
    (cls_random_maps); {} for every other model 0."""
    design, system = get_design(wildcards, config), get_system(wildcards, config)
    start = design.start_of(system)
    if start is None or not systems.system(method_of(start)[0]).teacher:
        return {}
    variant = method_of(start)[1]
    if variant and systems.system(variant).draws:
        maps = f"{here(wildcards, config, 0)}/maps"
    else:
        teacher = teacher_of(settings(wildcards, config), method_of(start)[0])
        maps = f"{explained_dir(wildcards.exp, wildcards.seed_dir, system_dir(design, teacher), 0)}/scores"
    return {f"maps_{split}": f"{maps}/{split}.jsonl" for split in ("train", "valid")}


def get_pretrained(wildcards, config):
    """The pretrained encoder that iteration 0 starts from; None for a fine-tune."""
    return settings(wildcards, config)["model"] if int(wildcards.k) == 0 else None


@rule_params
def get_train_settings(wildcards, config):
    """The replicate's `train` (baseline), a trained method's `<section>.train` (SCC's
    `scc.train`) or `finetune` settings; a sweep candidate ('lr_<i>/') takes its rate from
    the list."""
    replicate_ = replicate(wildcards, config)
    if int(wildcards.k) == 0:
        start = get_design(wildcards, config).start_of(get_system(wildcards, config))
        if start is None:
            return replicate_["train"]
        return replicate_[training_key(systems.system(method_of(start)[0]).settings)]
    finetune = replicate_["finetune"]
    where = f"classification.experiments.{wildcards.exp}.finetune.lr"
    return {**finetune, "lr": candidate_rate(finetune["lr"], wildcards.sweep, where)}


@rule_params
def get_train_objective(wildcards, config):
    """The settings section of the trained method whose chain the model is on (SCC's, for
    the `scc` chain and its controls: its layer keeps explaining the model it trains with),
    with a variant's changes (IMPACTX's lambda_zero: lambda 0), which
    workflow_scripts/classify_train.py hands to the method's objective; None (cross entropy)
    for every other system."""
    start = get_design(wildcards, config).start_of(get_system(wildcards, config))
    if start is None:
        return None
    method, variant = method_of(start)
    changes = dict(systems.system(variant).changes) if variant else {}
    return {**settings(wildcards, config)[systems.system(method).settings], **changes}


@rule_params
def get_finetune_rates(wildcards, config):
    return settings(wildcards, config)["finetune"]["lr"]


def get_candidate_models(wildcards, config):
    """The model directory of every candidate of iteration k's sweep."""
    rates = get_finetune_rates(wildcards, config)
    return [f"{here(wildcards, config)}/{candidate_dir(i)}model" for i in range(len(rates))]


# --- words, enriched inputs and scores ------------------------------------------------------


def previous_examples(wildcards, config):
    """The examples as iteration k-1 saw them: iteration k appends its word to these."""
    return examples(wildcards, config, int(wildcards.k) - 1, wildcards.split)


def get_extract_inputs(wildcards, config):
    """The words of model k (which iteration k+1 appends) come from model k reading its own
    input format (and, for an explainer that learns its map, SMaT, the map it learned of the
    replicate's baseline)."""
    k = int(wildcards.k)
    return {
        "model": model(wildcards, config, k),
        "examples": examples(wildcards, config, k, wildcards.split),
        **learned_inputs(wildcards, config),
    }


@rule_params
def get_extract_settings(wildcards, config):
    """What the rankers read: the shared settings and each explainer's own section (LIME's
    `lime`, ...); a trained method's section is its training's, not its ranker's."""
    experiment = settings(wildcards, config)
    return {
        "batch_size": experiment["batch_size"],
        "max_length": experiment["train"]["max_length"],
        "seed": replicate(wildcards, config)["explainer_seed"],
        **{
            s.settings: experiment[s.settings]
            for s in map(systems.system, systems.names(systems.EXPLAINER))
            if s.settings and not s.is_a(systems.TRAINED_METHOD)
        },
    }


def get_explainer(wildcards, config):
    """The explainer whose ranker runs: the system's own; a variant's method's (the
    lambda_zero control's D explained by IMPACTX's ranker)."""
    system = get_system(wildcards, config)
    return method_of(system)[0] if system in get_design(wildcards, config).variants else system


def learned_inputs(wildcards, config):
    """{learned: file} where the wildcards' explainer learns its map (SMaT), else {}."""
    explainer = get_explainer(wildcards, config)
    if explainer not in measure.learners():
        return {}
    directory = system_dir(get_design(wildcards, config), explainer)
    return {"learned": learned_file(wildcards.exp, wildcards.seed_dir, directory)}


@rule_params
def get_shard_settings(wildcards, config):
    """An extraction shard's settings: with the inference backend where the explainer's
    ranker only runs the model on texts (LIME, SHAP), with the learned map's file where it
    learns one (`learned`: SMaT's)."""
    explainer = systems.system(get_explainer(wildcards, config))
    return {
        **get_extract_settings(wildcards, config),
        **backend_settings(settings(wildcards, config), explainer.forward_passes),
        **learned_inputs(wildcards, config),
    }


def get_shard_files(wildcards, config, kind, extension):
    """The shards of model k's words or rankings of a split."""
    shards = settings(wildcards, config)["shards"]
    stem = f"{explained(wildcards)}/{kind}/{wildcards.split}"
    return [f"{stem}.shard_{i}.{extension}" for i in range(shards)]


def get_random_maps_seed(wildcards, config):
    """A variant's random targets: the replicate's explainer seed and the split."""
    return f"{replicate(wildcards, config)['explainer_seed']}-{wildcards.split}"


def get_random_seed(wildcards, config):
    """The `random` control's seed of its words of model k: the replicate's explainer seed, the
    iteration that appends them, k+1 (else each iteration would redraw the last one's word),
    and the split, as translation's noise seeds."""
    w = wildcards
    return f"{replicate(wildcards, config)['explainer_seed']}-{int(w.k) + 1}-{w.split}"


def get_examples_of_split(wildcards, config):
    return examples_file(wildcards.exp, wildcards.split)


def get_enrich_inputs(wildcards, config):
    return {
        "examples": previous_examples(wildcards, config),
        "words": f"{explained(wildcards, int(wildcards.k) - 1)}/words/{wildcards.split}.txt",
        # model k-1: its tokenizer fits x' to max_length
        "model": model(wildcards, config, int(wildcards.k) - 1),
    }


def get_score_inputs(wildcards, config):
    k = int(wildcards.k)
    return {
        "model": model(wildcards, config, k),
        "valid": examples(wildcards, config, k, "valid"),
        "test": examples(wildcards, config, k, "test"),
    }
