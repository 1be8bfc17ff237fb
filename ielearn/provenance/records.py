"""The provenance records of a run.

A training writes `ielearn-training.json` with its model (translation: beside
`iter_<k>/model/best.pt`; classification: inside the model directory): the machine and
packages it ran with, its seed, and whether it resumed a killed run's checkpoint. A scoring
job writes `bootstrap_<k>.{bleu,score}.provenance.json` beside its score: the
training records of iterations 0..k (each model fine-tunes the one before it, so all of them
shape the score), the seeds, and the packages of the scoring job itself.
"""

from pathlib import Path

from ielearn.io import read_json, write_json
from ielearn.provenance.environment import machine, package_versions

TRAINING_RECORD = "ielearn-training.json"


def write_training_record(path, threads, seed, resumed, uses_cuda):
    """Called by the training job, after training, in the process that trained (or started
    the training): torch's view of the machine is that of the job."""
    write_json(path, {"resumed": bool(resumed), "seed": seed, **machine(threads, uses_cuda),
                      "packages": package_versions()})


def training_record_path(model):
    """A training record given as itself (translation) or as the model directory holding it
    (classification)."""
    path = Path(model)
    return path / TRAINING_RECORD if path.is_dir() else path


def read_training_record(model):
    """The record of a model; None for a model trained before ielearn wrote records."""
    path = training_record_path(model)
    return read_json(path) if path.exists() else None


def any_resumed(trainings):
    """True if a training in the chain resumed; None if none did but some left no record."""
    if any(t and t["resumed"] for t in trainings):
        return True
    return None if None in trainings else False


def score_record(score_path, models, words_seed):
    """The record of a score computed from the model chain `models` (iterations 0..k).

    words_seed: the seed of the random draws of appended words (translation: noise and the
    random control; classification: LIME, SHAP and the random control), None if none.
    """
    trainings = [read_training_record(model) for model in models]
    return {
        "score": Path(score_path).name,
        "resumed": any_resumed(trainings),
        "seeds": {"training": [t and t["seed"] for t in trainings], "words": words_seed},
        "iterations": [
            {"iteration": k, "record": str(training_record_path(model)), "training": training}
            for k, (model, training) in enumerate(zip(models, trainings))
        ],
        "scored_with": {"packages": package_versions()},
    }


def write_score_record(path, score_path, models, words_seed):
    write_json(path, score_record(score_path, models, words_seed))


def score_record_path(score_path):
    """bootstrap_<k>.bleu -> bootstrap_<k>.bleu.provenance.json beside it (.score likewise:
    the score's own suffix keeps a classification baseline's record apart from a translation
    run's, which Snakemake could otherwise not tell apart by their paths)."""
    return f"{score_path}.provenance.json"
