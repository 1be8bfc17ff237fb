"""The provenance rule (either half) and the scoring rules' provenance inputs: each score's
bootstrap_<k>.<bleu|score>.provenance.json is written from the training records of iterations
0..k (ielearn/provenance/)."""

from ielearn import systems
from ielearn.classify.config import classification_settings
from ielearn.design import control_of, method_of, teacher_draws
from ielearn.provenance.records import TRAINING_RECORD, score_record_path
from ielearn.workflow import classify, classify_report, nmt, nmt_report
from ielearn.workflow.halves import get_summary_arms, is_translation
from ielearn.workflow.params import rule_params


def draws_words(system):
    """Whether a system's appended words (a variant: its maps) come from seeded random
    draws (its registry entry: LIME, SHAP, random on either chain; random_maps)."""
    name = control_of(system) or method_of(system)[1] or system
    return systems.known(name) and systems.system(name).draws


def get_translation_trainings(wildcards, config):
    """Training records of a translation model's iterations 0..k (each fine-tunes the last)."""
    return [f"{nmt.here(wildcards, j)}/model/{TRAINING_RECORD}" for j in range(int(wildcards.k) + 1)]


def get_translation_words_seed(wildcards, config):
    """The seed enrich draws random words with ('<seed>-<k>-<split>'), when it draws any."""
    draws = draws_words(nmt.get_system(wildcards, config)) or nmt.get_noise(wildcards, config) > 0
    return nmt.run_seed(wildcards, config) if int(wildcards.k) >= 1 and draws else None


def get_classification_trainings(wildcards, config):
    """Model directories (each holding its training record) of iterations 0..k."""
    return [classify.model(wildcards, config, j) for j in range(int(wildcards.k) + 1)]


def get_classification_words_seed(wildcards, config):
    """The explainer seed of LIME, SHAP, the random control and of a trained method whose
    teacher draws (IMPACTX on SHAP's maps); None for the others."""
    system = classify.get_system(wildcards, config)
    experiment = classification_settings(config, wildcards.exp)
    drawing = draws_words(system) or teacher_draws(experiment, system)
    return classify.replicate(wildcards, config)["explainer_seed"] if drawing else None


def provenance_of(wildcards, config):
    """{test score: (seed, system, iteration)} of the experiment, either half: the summary's
    scores (and translation's noise curve)."""
    arms = get_summary_arms(wildcards, config)
    if is_translation(config, wildcards.exp):
        return nmt_report.provenance_scores(wildcards, config, arms)
    return dict(zip(classify_report.get_summary_files(wildcards, config)["test"], arms))


def get_provenance_records(wildcards, config):
    return [score_record_path(test) for test in provenance_of(wildcards, config)]


@rule_params
def get_provenance_labels(wildcards, config):
    return list(provenance_of(wildcards, config).values())
