# Helpers of rules/classify_simulability.smk: the pool of unused examples, SMaT's learned map
# and the simulability students (ielearn/classify/simulability/, docs/simulability.md). The
# design decides the students (Design.simulability_runs); a setting's maps are its explainer's
# per-word scores of the pool at iteration 1 of its chain, or SMaT's learned file.

from ielearn.classify.simulability import measure
from ielearn.layout import learned_file, simulability_student_runs

# system_dirs of the explainers that learn their map before they rank (SMaT)
LEARNER_DIRS = "({})/".format("|".join(measure.learners()) or "(?!)")
POOL_SPLIT = "pool"  # examples/pool.tsv: the labelled examples no split uses


def cls_replicate_seed(wildcards):
    return cls_replicate(wildcards)["train"]["seed"]


def cls_baseline_model(wildcards):
    """The teacher: the replicate's baseline."""
    return f"{iteration_dir(wildcards.exp, wildcards.seed_dir, '', 0)}/model"


def cls_learn_inputs(wildcards):
    """SMaT learns on the pool, with valid as its outer split."""
    return {
        "teacher": cls_baseline_model(wildcards),
        "pool": examples_file(wildcards.exp, POOL_SPLIT),
        "outer": examples_file(wildcards.exp, measure.OUTER),
    }


def cls_learn_settings(wildcards):
    """SMaT's student: the section's settings, its budget, the replicate's seed."""
    experiment = cls_settings(wildcards)
    return measure.student_settings_of(
        experiment, measure.smat_budget(experiment), cls_replicate_seed(wildcards)
    )


def cls_learned_inputs(wildcards):
    """{learned: file} where the wildcards' explainer learns its map (SMaT), else {}."""
    if cls_explainer(wildcards) not in measure.learners():
        return {}
    here = system_dir(cls_design(wildcards), cls_explainer(wildcards))
    return {"learned": learned_file(wildcards.exp, wildcards.seed_dir, here)}


def cls_setting_maps(wildcards):
    """{maps: file} of a setting: an explainer's per-word scores of the pool (iteration 1 of
    its chain), SMaT's learned map, or nothing (the references, static attention)."""
    design, setting = cls_design(wildcards), wildcards.setting
    here = system_dir(design, setting) if systems.known(setting) else None
    kind = measure.kind_of(setting)
    if kind == measure.SCORE_MAP:
        scores = iteration_dir(wildcards.exp, wildcards.seed_dir, here, 1)
        return {"maps": f"{scores}/scores/{POOL_SPLIT}.jsonl"}
    if kind == measure.LEARNED_MAP:
        return {"maps": learned_file(wildcards.exp, wildcards.seed_dir, here)}
    return {}


def cls_simulate_inputs(wildcards):
    return {
        "teacher": cls_baseline_model(wildcards),
        "pool": examples_file(wildcards.exp, POOL_SPLIT),
        "held_out": examples_file(wildcards.exp, measure.HELD_OUT),
        **cls_setting_maps(wildcards),
    }


def cls_simulate_settings(wildcards):
    """Student i of the replicate: its budget, its seed (the same under every setting)."""
    seed = measure.student_seed(cls_replicate_seed(wildcards), int(wildcards.student))
    return measure.student_settings_of(
        cls_settings(wildcards), int(wildcards.budget), seed
    )


def cls_simulability_where(wildcards):
    return f"classification.experiments.{wildcards.exp}.{measure.SIMULABILITY}"


def cls_simulability_runs(wildcards):
    """(seed, setting, budget, student) of every student, in the order of the files."""
    return simulability_student_runs(wildcards.exp, cls_design(wildcards))[0]


def cls_simulability_students(wildcards):
    return simulability_student_runs(wildcards.exp, cls_design(wildcards))[1]


SIMULABILITY_OUTPUTS = {
    "table": "",
    "per_seed": "_per_seed",
    "comparisons": "_comparisons",
    "comparisons_per_seed": "_comparisons_per_seed",
}


def cls_simulability_tables(exp):
    """The simulability tables and verdict, where the experiment enables the measure."""
    if not measure.enabled(classification_settings(config, exp)):
        return []
    return [
        *(
            f"results/{exp}/classification_simulability{suffix}.tsv"
            for suffix in SIMULABILITY_OUTPUTS.values()
        ),
        f"results/{exp}/classification_simulability_verdict.txt",
    ]
