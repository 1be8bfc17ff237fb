"""The simulability measure of a classification experiment (config `simulability`,
docs/simulability.md): which teacher explainers its students learn from, where each one's maps
come from, and the students' settings and seeds. Plain Python: the design and the rules read
it, no torch.

A *setting* is one teacher explainer E_T:
- the no-explainer student (the `none` control's name: β = 0) and random per-word scores (the
  `random` control's name), which every run measures: the references;
- `static_all` / `static_last`: the baseline's attention, eq. 11 over every head of every
  layer / of the last layer;
- an explainer of the registry: its per-word scores of the pool (its extraction at iteration 1
  of its chain), or, for one that learns its map (SMaT, the registry's `learner`), that map.
"""

from dataclasses import fields

from ielearn import systems
from ielearn.classify.simulability.settings import StudentSettings
from ielearn.design import REFERENCES, SIMULABILITY, STATIC_ALL

STATIC_LAST = "static_last"
STATIC = (STATIC_ALL, STATIC_LAST)
NO_EXPLAINER, RANDOM_SCORES, STATIC_MAP, LEARNED_MAP, SCORE_MAP = (
    "no explainer", "random scores", "static attention", "learned attention", "per-word scores")
STUDENT_KEYS = tuple(f.name for f in fields(StudentSettings) if f.name not in ("budget", "seed"))
HELD_OUT, OUTER = "test", "valid"  # SIM is measured on test; SMaT's outer loss reads valid


def section_of(experiment):
    return experiment.get(SIMULABILITY) or {}


def enabled(experiment):
    return bool(section_of(experiment).get("enabled"))


def learners():
    """The explainers that learn their map of a model before they rank (SMaT)."""
    return tuple(name for name in systems.names(systems.EXPLAINER) if systems.system(name).learner)


def kind_of(setting):
    """What a setting's E_T is (one of the kinds above); None for a name that is none of them."""
    if setting == systems.NOTHING:
        return NO_EXPLAINER
    if setting == systems.RANDOM:
        return RANDOM_SCORES
    if setting in STATIC:
        return STATIC_MAP
    if systems.is_kind(setting, systems.EXPLAINER) and systems.system(setting).ranker:
        return LEARNED_MAP if systems.system(setting).learner else SCORE_MAP
    return None


def available_explainers(experiment):
    """The explainers whose maps the experiment makes: those listed in `explainers`, and a
    trained method's own explainer where the method is enabled (IMPACTX's D)."""
    trained = [name for name in systems.names(systems.TRAINED_METHOD)
               if systems.is_kind(name, systems.EXPLAINER)
               and (experiment.get(systems.system(name).settings) or {}).get("enabled")]
    return tuple(dict.fromkeys((*experiment["explainers"], *trained)))


def uses_pool(experiment):
    """Whether the experiment reads the dataset's pool: its simulability students, or an
    explainer that learns on it (SMaT)."""
    return enabled(experiment) or any(name in learners() for name in experiment["explainers"])


def student_section(experiment):
    """The students' settings of the section (a StudentSettings without budget and seed);
    `max_length` null is the baseline's train.max_length."""
    section = section_of(experiment)
    found = {key: section[key] for key in STUDENT_KEYS if key in section}
    if found.get("max_length") is None:
        found["max_length"] = experiment["train"]["max_length"]
    return found


def smat_budget(experiment):
    section = section_of(experiment)
    return section.get("smat_budget") or section.get("budgets", [StudentSettings.budget])[0]


def student_seed(seed, index):
    """Student `index` of replicate `seed`: the same draw of the budget, the same head and the
    same order of batches under every setting, so a seed's settings differ only in E_T."""
    return 1000 * seed + index


def student_settings_of(experiment, budget, seed):
    """The StudentSettings fields ({key: value}) of one student (or of SMaT's)."""
    return {**student_section(experiment), "budget": budget, "seed": seed}
