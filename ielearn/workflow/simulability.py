"""Classification's simulability rules (rules/classify_simulability.smk): the pool of unused
examples, SMaT's learned map and the simulability students (ielearn/classify/simulability/,
docs/simulability.md). The design decides the students (Design.simulability_runs); a setting's
maps are its explainer's per-word scores of the pool, of model 0 of its chain, or SMaT's
learned file."""

from pathlib import Path

from ielearn import systems
from ielearn.classify.config import classification_settings
from ielearn.classify.simulability import measure
from ielearn.classify.simulability_summary import pipeline_outputs_in
from ielearn.layout import examples_file, explained_dir, iteration_dir, learned_file, simulability_student_runs
from ielearn.layout import system_dir
from ielearn.workflow.classify import get_design, get_system, replicate, settings
from ielearn.workflow.params import rule_params
from ielearn.workflow.patterns import POOL_SPLIT


def replicate_seed(wildcards, config):
    return replicate(wildcards, config)["train"]["seed"]


def baseline_model(wildcards):
    """The teacher: the replicate's baseline."""
    return f"{iteration_dir(wildcards.exp, wildcards.seed_dir, '', 0)}/model"


def on_the_pool(wildcards, **splits):
    """The baseline (the teacher), the pool, and {name: examples of a split}."""
    named = {name: examples_file(wildcards.exp, split) for name, split in splits.items()}
    return {"teacher": baseline_model(wildcards), "pool": examples_file(wildcards.exp, POOL_SPLIT), **named}


def get_learn_inputs(wildcards, config):
    """SMaT learns on the pool, with valid as its outer split."""
    return on_the_pool(wildcards, outer=measure.OUTER)


@rule_params
def get_learn_settings(wildcards, config):
    """SMaT's student: the section's settings, its budget, the replicate's seed."""
    experiment = settings(wildcards, config)
    return measure.student_settings_of(
        experiment, measure.smat_budget(experiment), replicate_seed(wildcards, config)
    )


def get_learner(wildcards, config):
    return systems.system(get_system(wildcards, config)).learner


def setting_maps(wildcards, config):
    """{maps: file} of a setting: an explainer's per-word scores of the pool (of model 0 of
    its chain), SMaT's learned map, or nothing (the references, static attention)."""
    design, setting = get_design(wildcards, config), wildcards.setting
    directory = system_dir(design, setting) if systems.known(setting) else None
    kind = measure.kind_of(setting)
    if kind == measure.SCORE_MAP:
        scores = explained_dir(wildcards.exp, wildcards.seed_dir, directory, 0)
        return {"maps": f"{scores}/scores/{POOL_SPLIT}.jsonl"}
    if kind == measure.LEARNED_MAP:
        return {"maps": learned_file(wildcards.exp, wildcards.seed_dir, directory)}
    return {}


def get_simulate_inputs(wildcards, config):
    """A student learns on the pool (with the setting's maps), is scored on held-out examples."""
    return on_the_pool(wildcards, held_out=measure.HELD_OUT) | setting_maps(wildcards, config)


@rule_params
def get_simulate_settings(wildcards, config):
    """Student i of the replicate: its budget, its seed (the same under every setting)."""
    seed = measure.student_seed(replicate_seed(wildcards, config), int(wildcards.student))
    return measure.student_settings_of(settings(wildcards, config), int(wildcards.budget), seed)


def get_simulability_where(wildcards, config):
    return f"classification.experiments.{wildcards.exp}.{measure.SIMULABILITY}"


@rule_params
def get_simulability_runs(wildcards, config):
    """(seed, setting, budget, student) of every student, in the order of the files."""
    return simulability_student_runs(wildcards.exp, get_design(wildcards, config))[0]


def get_simulability_students(wildcards, config):
    return simulability_student_runs(wildcards.exp, get_design(wildcards, config))[1]


@rule_params
def get_simulability_comparisons(wildcards, config):
    return get_design(wildcards, config).simulability_comparisons()


def simulability_outputs(exp):
    """{output name: path} of the simulability summary: the one naming, ielearn's
    classify/simulability_summary.pipeline_outputs_in, for the rule and the tables' writers alike."""
    return {name: str(path) for name, path in pipeline_outputs_in(Path("results") / exp).items()}


def simulability_tables(config, exp):
    """The simulability tables and verdict, where the experiment enables the measure."""
    if not measure.enabled(classification_settings(config, exp)):
        return []
    return list(simulability_outputs(exp).values())


def get_simulability_tables(wildcards, config):
    return simulability_tables(config, wildcards.exp)
