# Helpers of rules/provenance.smk and of the scoring rules, which write each score's
# bootstrap_<k>.<bleu|score>.provenance.json from the training records of iterations 0..k
# (ielearn/provenance/). Included before the rules that name them.

from ielearn.provenance.records import TRAINING_RECORD, score_record_path

# explainers whose appended words come from seeded random draws
DRAWING_EXPLAINERS = ("lime", "shap", "random")


def provenance_models(wildcards):
    """Training records of a translation run's iterations 0..k (each fine-tunes the last)."""
    run = wildcards.run
    return [
        f"{iteration(run, j)}/model/{TRAINING_RECORD}"
        for j in range(int(wildcards.k) + 1)
    ]


def provenance_words_seed(wildcards):
    """The seed enrich draws random words with ('<seed>-<k>-<split>'), when it draws any."""
    run = wildcards.run
    draws = system_of(run) == "random" or run_noise(wildcards) > 0
    return seed_of(run, settings(run)) if int(wildcards.k) >= 1 and draws else None


def cls_provenance_models(wildcards):
    """Model directories (each holding its training record) of iterations 0..k."""
    explainer = getattr(wildcards, "explainer", None)  # the baseline's rule has neither
    k = int(getattr(wildcards, "k", 0))
    return [
        cls_model(wildcards.exp, wildcards.seed_dir, explainer, j) for j in range(k + 1)
    ]


def cls_provenance_words_seed(wildcards):
    """The explainer seed of LIME, SHAP and the random control; None for the others."""
    explainer = getattr(wildcards, "explainer", None)
    drawing = explainer in DRAWING_EXPLAINERS
    return cls_replicate(wildcards)["explainer_seed"] if drawing else None


def provenance_entries(wildcards):
    """(seed, system, iteration, record) of every score the translation report shows: the
    summary's and the noise curve's (a noise rate that reuses a run appears once)."""
    entries = {
        test: (seed, system, k)
        for seed, system, k, _, test, _ in summary_runs(wildcards)
    }
    for seed, percent, _, test in noise_curve_points(wildcards):
        entries.setdefault(test, (seed, f"noise {percent} %", 1))
    return [(*entry, score_record_path(test)) for test, entry in entries.items()]


def cls_provenance_entries(wildcards):
    return [
        (run["seed"], run["system"], run["iteration"], score_record_path(run["test"]))
        for run in cls_summary_runs(wildcards)
    ]


def entry_records(entries):
    return lambda wildcards: [entry[3] for entry in entries(wildcards)]
