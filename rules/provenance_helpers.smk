# Helpers of rules/provenance.smk (either half) and of the scoring rules, which write each
# score's bootstrap_<k>.<bleu|score>.provenance.json from the training records of iterations
# 0..k (ielearn/provenance/). Included after the helpers of both halves.

from ielearn import systems
from ielearn.design import control_of, method_of, teacher_draws
from ielearn.provenance.records import TRAINING_RECORD, score_record_path


def draws_words(system):
    """Whether a system's appended words (a variant: its maps) come from seeded random
    draws (its registry entry: LIME, SHAP, random on either chain; random_maps)."""
    name = control_of(system) or method_of(system)[1] or system
    return systems.known(name) and systems.system(name).draws


def provenance_models(wildcards):
    """Training records of a translation model's iterations 0..k (each fine-tunes the last)."""
    return [
        f"{here(wildcards, j)}/model/{TRAINING_RECORD}"
        for j in range(int(wildcards.k) + 1)
    ]


def provenance_words_seed(wildcards):
    """The seed enrich draws random words with ('<seed>-<k>-<split>'), when it draws any."""
    draws = draws_words(run_system(wildcards)) or run_noise(wildcards) > 0
    return run_seed(wildcards) if int(wildcards.k) >= 1 and draws else None


def cls_provenance_models(wildcards):
    """Model directories (each holding its training record) of iterations 0..k."""
    return [cls_model(wildcards, j) for j in range(int(wildcards.k) + 1)]


def cls_provenance_words_seed(wildcards):
    """The explainer seed of LIME, SHAP, the random control and of a trained method whose
    teacher draws (IMPACTX on SHAP's maps); None for the others."""
    system = cls_system(wildcards)
    drawing = draws_words(system) or teacher_draws(cls_settings(wildcards), system)
    return cls_replicate(wildcards)["explainer_seed"] if drawing else None


def is_translation(exp):
    """Which half an experiment is in (config.yaml forbids a name in both)."""
    if exp in config["experiments"]:
        return True
    classification_settings(config, exp)  # an unknown name: one clear message
    return False


def provenance_of(wildcards):
    """{test score: (seed, system, iteration)} of the experiment, either half."""
    if is_translation(wildcards.exp):
        return provenance_scores(wildcards)
    return cls_provenance_scores(wildcards)


def provenance_records(wildcards):
    return [score_record_path(test) for test in provenance_of(wildcards)]


def provenance_labels(wildcards):
    return list(provenance_of(wildcards).values())


def report_sections_of(wildcards):
    if is_translation(wildcards.exp):
        return translation_sections(wildcards.exp)
    return classification_sections(wildcards.exp)
