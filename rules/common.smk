# Config validation and every helper the rules use (paths, settings, input functions).

import re
import sys

from ielearn.config import dataset_settings, experiment_settings, validate_config
from ielearn.design import (
    noise_run,
    replicate_systems,
    replicates,
    seeds_of,
    translation_design,
)
from ielearn.errors import UserError
from ielearn.nmt.corpus.wheels import wheel_dir
from ielearn.nmt.runs import (
    REPLICATE_PATTERN,
    RUN_PATTERN,
    noise_of,
    parse_run,
    runs_of,
    seed_of,
)
from ielearn.nmt.train import fairseq_task, training_plan
from ielearn.sweep import candidate_dir, candidate_rate, sweep_rates

try:
    config.update(validate_config(config))
except UserError as error:
    sys.exit(f"ielearn: {error}")

# Used with `--sdm conda`; by default jobs run in the environment snakemake runs in.
CONDA_ENV = "../envs/ielearn.yaml"
SPLITS = ["train", "valid", "test"]
EVAL_SPLITS = ["valid", "test"]  # decoded, detokenized and scored together
SIDES = ["src", "tgt"]
DECODE_KINDS = ["hyp", "pos", "words"]  # what decoding writes per split
CANDIDATE = r"lr_\d+/"  # a learning-rate sweep's candidate directory (ielearn/sweep.py)


wildcard_constraints:
    exp=r"[^/]+",
    run=RUN_PATTERN,
    replicate=REPLICATE_PATTERN,
    k=r"\d+",
    split="train|valid|test",
    side="src|tgt",
    sweep=rf"({CANDIDATE})?",


# --- experiments and runs -------------------------------------------------------------
# A run is an experiment ('demo'), a seed replicate of it ('demo/seed_2'), or a control or
# noise run of either ('demo/control_random', 'demo/seed_2/noise_50'): see ielearn/nmt/runs.py.


def experiment_of(run):
    return parse_run(run).experiment


def settings(run):
    return experiment_settings(config, experiment_of(run))


def system_of(run):
    """What a run appends: the control named in the run, else the experiment's `append`."""
    return parse_run(run).control or settings(run)["append"]


def data(run):
    return f"results/{experiment_of(run)}/data"


def iteration(run, k):
    """Directory of bootstrap iteration k; every run shares its replicate's baseline."""
    k = int(k)
    return (
        f"results/{parse_run(run).replicate}/iter_0"
        if k == 0
        else f"results/{run}/iter_{k}"
    )


def model_input(run, k, split):
    """Source text model k reads: plain BPE source for the baseline, x' afterwards."""
    if int(k) == 0:
        return f"{data(run)}/bpe/{split}.src"
    return f"{iteration(run, k)}/input/{split}.src"


# --- data and preprocessing -------------------------------------------------------------


def corpus_files(wildcards):
    """Inputs of the corpus step: a `files` dataset's raw files (so that editing them reruns
    what depends on them), a gettext dataset's wheels, or an official corpus's directory.
    """
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] == "files":
        return [dataset[split][side] for split in SPLITS for side in SIDES]
    if dataset["source"] == "gettext":
        return [wheel_dir(pin) for pin in dataset["packages"]]
    if dataset["source"] in ("iwslt17", "wmt14"):
        return [f"resources/{dataset['source']}"]
    return []


def corpus_resources(wildcards):
    """The corpus function's `resources`: [(pin, wheel dir)] or the corpus directory."""
    dataset = dataset_settings(config, wildcards.exp)
    if dataset["source"] == "gettext":
        return [(pin, wheel_dir(pin)) for pin in dataset["packages"]]
    if dataset["source"] in ("iwslt17", "wmt14"):
        return corpus_files(wildcards)[0]
    return None


def side_language(wildcards):
    dataset = dataset_settings(config, wildcards.exp)
    return dataset["src_lang"] if wildcards.side == "src" else dataset["tgt_lang"]


def tokenized_or_cleaned(wildcards):
    """Train goes through the length filter; valid and test never lose a line."""
    stage = "clean" if wildcards.split == "train" else "tok"
    return f"results/{wildcards.exp}/data/{stage}/{wildcards.split}.{wildcards.side}"


def exp_setting(key):
    return lambda wildcards: experiment_settings(config, wildcards.exp)[key]


# --- the bootstrap loop -----------------------------------------------------------------


def run_setting(key):
    return lambda wildcards: settings(wildcards.run)[key]


def training_settings(wildcards):
    """fairseq flags of a training; a sweep candidate ('lr_<i>/') takes its rate from the list."""
    experiment = settings(wildcards.run)
    stage = "train" if int(wildcards.k) == 0 else "finetune"
    where = f"experiments.{experiment_of(wildcards.run)}.{stage}.lr"
    lr = candidate_rate(experiment[stage]["lr"], wildcards.sweep, where)
    return training_plan(
        {**experiment[stage], "lr": lr},
        experiment["arch"],
        experiment["model"],
        seed_of(wildcards.run, experiment),
        positions=experiment["positions"],
    )


def fairseq_task_of_run(wildcards):
    return fairseq_task(settings(wildcards.run)["positions"])


def previous_model(wildcards):
    k = int(wildcards.k)
    return [] if k == 0 else f"{iteration(wildcards.run, k - 1)}/model/best.pt"


def previous_positions(wildcards):
    previous = iteration(wildcards.run, int(wildcards.k) - 1)
    return [f"{previous}/decode/{split}.pos" for split in SPLITS]


def bpe_sources(wildcards):
    return [f"{data(wildcards.run)}/bpe/{split}.src" for split in SPLITS]


def all_model_inputs(wildcards):
    return [model_input(wildcards.run, wildcards.k, split) for split in SPLITS]


def all_model_origins(wildcards):
    """The enrich stage's .origin files (source position ids); none for the baseline."""
    if int(wildcards.k) == 0:
        return []
    here = iteration(wildcards.run, wildcards.k)
    return [f"{here}/input/{split}.origin" for split in SPLITS]


def all_bpe_targets(wildcards):
    return [f"{data(wildcards.run)}/bpe/{split}.tgt" for split in SPLITS]


def decode_inputs(splits):
    """A decode job's inputs: the binarised data and model (a sweep candidate's where
    wildcards.sweep is 'lr_<i>/'), and per split of `splits` the
    text the model reads, the BPE source x and (k >= 1) the origins of x' in x."""

    def inputs(wildcards):
        run, k = wildcards.run, int(wildcards.k)
        here = iteration(run, k)
        return {
            "data": f"{here}/bin",
            "model": f"{here}/{getattr(wildcards, 'sweep', '')}model/best.pt",
            "text": [model_input(run, k, split) for split in splits],
            "source": [f"{data(run)}/bpe/{split}.src" for split in splits],
            "origin": [f"{here}/input/{split}.origin" for split in splits] if k else [],
        }

    return inputs


def decode_outputs(splits, candidate=False):
    """A decode job's .hyp/.pos/.words per split (`candidate`: a sweep candidate's)."""
    pattern = (
        "results/{{run}}/iter_{{k}}/{{sweep}}decode/{split}.{kind}"
        if candidate
        else "results/{{run}}/iter_{{k}}/decode/{split}.{kind}"
    )
    return expand(pattern, split=splits, kind=DECODE_KINDS)


def translation_targets():
    """The default target: every experiment's summary, and its faithfulness table where enabled."""
    return [f"results/{exp}/summary.tsv" for exp in config["experiments"]] + [
        f"results/{exp}/faithfulness.tsv"
        for exp, experiment in config["experiments"].items()
        if experiment["faithfulness"]["enabled"]
    ]


def faithfulness_inputs(wildcards):
    """Model k, the test input it read (binarised and its origins in x), x, and its decode."""
    run, k = wildcards.run, int(wildcards.k)
    here = iteration(run, k)
    return {
        "data": f"{here}/bin",
        "model": f"{here}/model/best.pt",
        "source": f"{data(run)}/bpe/test.src",
        "origin": [f"{here}/input/test.origin"] if k else [],
        "hyp": f"{here}/decode/test.hyp",
        "pos": f"{here}/decode/test.pos",
    }


def faithfulness_runs(wildcards):
    """(seed, iteration k, path) of every model of the main system: each replicate's
    iterations 0..bootstrap."""
    experiment = experiment_settings(config, wildcards.exp)
    return [
        {
            "seed": seed,
            "iteration": k,
            "path": f"{iteration(replicate, k)}/faithfulness/test.tsv",
        }
        for seed, replicate in replicates(wildcards.exp, experiment)
        for k in range(experiment["bootstrap"] + 1)
    ]


def faithfulness_files(wildcards):
    return [run["path"] for run in faithfulness_runs(wildcards)]


def score_inputs(wildcards):
    here = iteration(wildcards.run, wildcards.k)
    return {
        "valid": f"{here}/decode/valid.txt",
        "test": f"{here}/decode/test.txt",
        "valid_ref": f"{data(wildcards.run)}/raw/valid.tgt",
        "test_ref": f"{data(wildcards.run)}/raw/test.tgt",
    }


# --- a fine-tune learning-rate sweep (ielearn/sweep.py) -----------------------------------

# runs whose fine-tunes sweep rates: pick_lr writes their iter_<k>/model (k >= 1)
SWEPT_RUNS = runs_of(
    [
        name
        for name, experiment in config["experiments"].items()
        if sweep_rates(experiment["finetune"]["lr"])
    ]
)


def finetune_rates(wildcards):
    return settings(wildcards.run)["finetune"]["lr"]


def candidate_files(path):
    """Input function: `path` (below iter_<k>/lr_<i>/) of every candidate of the sweep."""

    def files(wildcards):
        here = iteration(wildcards.run, wildcards.k)
        rates = finetune_rates(wildcards)
        return [f"{here}/{candidate_dir(i)}{path}" for i in range(len(rates))]

    return files


def target_language(wildcards):
    return dataset_settings(config, experiment_of(wildcards.run))["tgt_lang"]


def run_noise(wildcards):
    return noise_of(wildcards.run, settings(wildcards.run))


def noise_seeds(wildcards):
    """The seed of each split's random draws (noise and the random control), in SPLITS order."""
    seed = seed_of(wildcards.run, settings(wildcards.run))
    return [f"{seed}-{wildcards.k}-{split}" for split in SPLITS]


# --- the summary, significance tests and the noise curve ----------------------------------


def summary_arms(wildcards):
    """(seed, system, iteration, run) of every seed's arms (ielearn/design.py decides which)."""
    experiment = experiment_settings(config, wildcards.exp)
    return [
        (seed, system, k, run)
        for seed, replicate in replicates(wildcards.exp, experiment)
        for system, k, run in replicate_systems(replicate, experiment)
    ]


def summary_runs(wildcards):
    """(seed, system, iteration, valid bleu, test bleu, test hypotheses) of every arm."""
    return [
        (
            seed,
            system,
            k,
            f"{iteration(run, k)}/valid.bleu",
            f"results/{run}/bootstrap_{k}.bleu",
            f"{iteration(run, k)}/decode/test.txt",
        )
        for seed, system, k, run in summary_arms(wildcards)
    ]


def summary_inputs(wildcards):
    files = [path for run in summary_runs(wildcards) for path in run[3:]]
    return files + [f"results/{wildcards.exp}/data/raw/test.tgt"]


def summary_computes(wildcards):
    """Each arm's model's compute.json, in the order of summary_runs."""
    return [
        f"{iteration(run, k)}/model/compute.json"
        for _, _, k, run in summary_arms(wildcards)
    ]


def summary_design(wildcards):
    return translation_design(experiment_settings(config, wildcards.exp))


def noise_curve_points(wildcards):
    """(seed, r %, valid bleu, test bleu) of the iteration-1 fine-tune at every noise rate."""
    experiment = experiment_settings(config, wildcards.exp)
    points = []
    for seed, replicate in replicates(wildcards.exp, experiment):
        for percent in experiment["noise_rates"]:
            run = noise_run(replicate, percent, experiment)
            valid = f"{iteration(run, 1)}/valid.bleu"
            points.append((seed, percent, valid, f"results/{run}/bootstrap_1.bleu"))
    return points


def noise_curve_inputs(wildcards):
    points = noise_curve_points(wildcards)
    return [path for point in points for path in point[2:]] + noise_curve_baselines(
        wildcards
    )


def noise_curve_baselines(wildcards):
    experiment = experiment_settings(config, wildcards.exp)
    return [
        f"results/{replicate}/bootstrap_0.bleu"
        for _, replicate in replicates(wildcards.exp, experiment)
    ]


# --- the report ----------------------------------------------------------------------------

# report_sections (translation) and cls_report_sections (classification) write the same path
TRANSLATION_EXPERIMENTS = (
    "|".join(re.escape(name) for name in config["experiments"]) or "^$"
)


def example_inputs(wildcards):
    """Test sentences of the first seed: x, x' of iteration 1 and both hypotheses."""
    exp = wildcards.exp
    return {
        "bpe_source": f"results/{exp}/data/bpe/test.src",
        "enriched": f"results/{exp}/iter_1/input/test.src",
        "origin": f"results/{exp}/iter_1/input/test.origin",
        "reference": f"results/{exp}/data/raw/test.tgt",
        "baseline": f"results/{exp}/iter_0/decode/test.txt",
        "hypothesis": f"results/{exp}/iter_1/decode/test.txt",
    }


def report_section_files(wildcards):
    """Everything results/<exp>/report.html shows; the noise curve only if rates are set."""
    exp = wildcards.exp
    files = [
        f"results/{exp}/report/summary.html",
        f"results/{exp}/report/bleu_per_iteration.png",
        f"results/{exp}/summary.tsv",
        f"results/{exp}/scores_per_seed.tsv",
        f"results/{exp}/compute.tsv",
        f"results/{exp}/report/provenance.html",
    ]
    experiment = experiment_settings(config, exp)
    if experiment["noise_rates"]:
        files += [
            f"results/{exp}/report/noise_curve.png",
            f"results/{exp}/noise_curve.tsv",
        ]
    if experiment["bootstrap"] >= 1 and experiment["report_examples"]:
        files.append(f"results/{exp}/report/examples.html")
    if experiment["faithfulness"]["enabled"]:
        files.append(f"results/{exp}/faithfulness.tsv")
    return files
