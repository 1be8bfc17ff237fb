"""Where every result of both halves lives: the one place that computes paths (docs/layout.md).

    results/<exp>/<seed_dir><system_dir>iter_<k>/            model k of a system, what it read
                                                             and everything measured on model k
                                                             (translation: bin/, input/, model/,
                                                             decode/, faithfulness/;
                                                             classification: input/, model/ and
                                                             the system's words/, rankings/,
                                                             scores/, quality/ of model k)
    results/<exp>/<seed_dir><system_dir>bootstrap_<k>.<ext>  its test score (bleu | score)

seed_dir    ''             the experiment's first seed (the paths of a single-seed run)
            'seed_<s>/'    every further replicate seed s
system_dir  ''             the baseline (iteration 0, shared by every system of the replicate)
                           and, in translation, the main system (`append`) at k >= 1: so
                           results/<exp>/bootstrap_<k>.bleu is the experiment's own arm
            '<explainer>/' a classification explainer (attention, lime, shap, scc) or trained
                           method (scc): ielearn/systems.py's System.directory
            'control_<c>/' a control of either half (random, none)
            'scc/control_<c>/'  a control of the chain that starts from SCC's model 0 (a
                           trained method's)
            'impactx/control_<v>/'  a variant of a trained method (IMPACTX's lambda_zero,
                           shuffled_maps, random_maps): a model 0 of its own
            'noise_<r>/'   a translation fine-tune with r % of its words drawn at random

A system trained from the pretrained encoder (classification's SCC) has its own iteration 0
in its directory, and so do its chain's controls (scc/control_none/iter_0 is scc/iter_0) and
a variant (impactx/control_lambda_zero/iter_0 is its own); every other system starts from the
shared baseline `iter_0/`.

k is the model in every path of both halves: iter_<k>/ holds model k, the input it read and
what was measured on it. Words chosen by model k (translation: its decode's .pos/.words;
classification: its explainer's words/, rankings/, scores/ and their quality/) are those that
iteration k+1 appends. A classification chain that starts from the shared baseline keeps its
explainer's words of the baseline in its own <system_dir>iter_0/ (explained_dir), which holds
no model.
Plain Python: no torch, no Snakemake.
"""

from ielearn import systems
from ielearn.design import CHAIN, seeds_of, teacher_of
from ielearn.errors import UserError

# the directory prefixes of a further replicate, a control and a noise run
SEED, CONTROL, NOISE = "seed_", systems.CONTROL_PREFIX, "noise_"
SEED_DIR = rf"({SEED}\d+/)?"


def control_dirs(controls=None):
    """Pattern of the system_dir (less its '/') of these controls (default: every registered
    control), on either chain."""
    controls = systems.names(systems.CONTROL) if controls is None else controls
    return rf"(({'|'.join(systems.names(systems.TRAINED_METHOD))})/)?{CONTROL}({'|'.join(controls)})"


def own_dirs():
    """Pattern of the system_dirs (less their '/') of the explainers and the trained methods."""
    own = dict.fromkeys((*systems.names(systems.EXPLAINER), *systems.names(systems.TRAINED_METHOD)))
    return "|".join(own)


def variant_dirs():
    """Pattern of the system_dirs (less their '/') of the trained methods' variants."""
    return "|".join(systems.system(v).directory.rstrip("/") for v in systems.names(systems.VARIANT))


SYSTEM_DIR = rf"(({'|'.join(filter(None, (own_dirs(), control_dirs(), variant_dirs())))}|{NOISE}\d+)/)?"


# --- replicates and systems ----------------------------------------------------------------


def seed_dir(seeds, seed):
    """'' for the first of `seeds` (its paths are a single-seed run's), else 'seed_<s>/'."""
    return "" if seed == seeds[0] else f"{SEED}{seed}/"


def replicate_dirs(experiment):
    """[(seed, seed_dir)] of an experiment of either half, first seed first."""
    seeds = seeds_of(experiment)
    return [(seed, seed_dir(seeds, seed)) for seed in seeds]


def seed_of_dir(experiment, directory, exp="the experiment"):
    """The replicate seed that a seed_dir ('' or 'seed_<s>/') names."""
    seeds = seeds_of(experiment)
    if not directory:
        return seeds[0]
    seed = int(directory.removeprefix(SEED).rstrip("/"))
    if seed not in seeds[1:]:
        raise UserError(f"results/{exp}/{directory}: seed {seed} is not a further replicate of {exp} "
                        f"(seeds: {seeds}; the first writes results/{exp}/ itself)")
    return seed


def quality_curves_file(exp, design, seed, system, k):
    """The explanation-quality curves (classification) of the words a system appends at
    iteration k of one replicate (Design.quality_runs, the tables' `iteration`): measured on
    the model that chose them, model k-1 of its chain, so kept with it."""
    return f"{explained_dir(exp, seed_dir(design.seeds, seed), system_dir(design, system), k - 1)}/quality/test.tsv"


def system_dir(design, system):
    """Directory of a system of the design (ielearn/design.py) below its replicate."""
    if system == design.baseline.system:
        return ""
    words, _, start = system.partition(CHAIN)
    chain = f"{start}/" if start else ""
    if systems.is_kind(words, systems.VARIANT):
        return systems.system(words).directory
    if systems.is_kind(words, systems.CONTROL):
        return f"{chain}{systems.system(words).directory}"
    return f"{system}/"


def start_dir(design, system):
    """The system_dir of the model 0 a system's chain starts from: '' (the baseline's), a
    trained method's ('scc/') or a variant's own ('impactx/control_lambda_zero/')."""
    start = design.start_of(system)
    return "" if start is None else system_dir(design, start)


def trained_start_of_dir(directory):
    """The trained method whose model 0 the chain of a system_dir starts from ('scc/',
    'scc/control_none/': SCC; a variant's, 'impactx/control_lambda_zero/': IMPACTX), or None
    for the baseline's chain."""
    first = directory.partition("/")[0]
    return first if systems.is_kind(first, systems.TRAINED_METHOD) else None


def noise_dir(percent):
    return f"{NOISE}{percent}/"


def system_of_dir(design, directory):
    """(system, noise percent or None) that a system_dir names; a noise run appends the main
    system's words."""
    name = directory.rstrip("/")
    if not name:
        return design.baseline.system, None
    if name.startswith(NOISE):
        return design.mains[0], int(name.removeprefix(NOISE))
    start, _, control = name.rpartition(f"/{CONTROL}")
    if start:
        return f"{control}{CHAIN}{start}", None
    return name.removeprefix(CONTROL), None


def translation_noise_dir(percent, experiment):
    """The system_dir of the fine-tune at noise r, reusing a run that already computes it: the
    main system itself when r is the experiment's own noise (normally 0 %), and the `random`
    control when r = 100 % (every word drawn at random: the same enriched input, seeds and
    fine-tune as the control's iteration 1)."""
    if percent == round(100 * experiment["noise"]):
        return ""
    if percent == 100 and systems.RANDOM in experiment.get("controls", ()):
        return systems.system(systems.RANDOM).directory
    return noise_dir(percent)


# --- paths ---------------------------------------------------------------------------------


def iteration_dir(exp, seed_dir_, system_dir_, k, start=""):
    """Directory of model k of a system; iteration 0 is the model its chain starts from:
    `start`, the system_dir of that model (start_dir): '' the replicate's shared baseline,
    'scc/' SCC's chain, a variant's own directory."""
    if int(k) == 0:
        system_dir_ = start
    return f"results/{exp}/{seed_dir_}{system_dir_}iter_{k}"


def explained_dir(exp, seed_dir_, system_dir_, k):
    """Where a system's explainer writes what it measured on model k of its chain (words/,
    rankings/, scores/, quality/): iteration_dir, except that k = 0 stays below the system's
    own directory, since the baseline it explains there is shared by every system."""
    return f"results/{exp}/{seed_dir_}{system_dir_}iter_{k}"


def arm_dir(exp, design, seed_dir_, arm):
    """iteration_dir of an arm of the design."""
    return iteration_dir(exp, seed_dir_, system_dir(design, arm.system), arm.iteration,
                         start=start_dir(design, arm.system))


def score_stem(exp, seed_dir_, system_dir_, k):
    """results/<exp>/<seed_dir><system_dir>bootstrap_<k>: + '.bleu', '.score', '.pred'."""
    return f"results/{exp}/{seed_dir_}{system_dir_}bootstrap_{k}"


def data_dir(exp):
    """Translation: the preprocessed corpus, shared by every replicate."""
    return f"results/{exp}/data"


def examples_file(exp, split):
    """Classification: the dataset's examples, shared by every replicate."""
    return f"results/{exp}/examples/{split}.tsv"


def translation_arm_files(exp, design, seed, arm):
    """The files the translation summary reads for one arm of one seed."""
    seeds_dir, system = seed_dir(design.seeds, seed), system_dir(design, arm.system)
    here = iteration_dir(exp, seeds_dir, system, arm.iteration)
    return {
        "valid": f"{here}/valid.bleu",
        "test": f"{score_stem(exp, seeds_dir, system, arm.iteration)}.bleu",
        "hyp": f"{here}/decode/test.txt",
        "compute": f"{here}/model/compute.json",
    }


def classification_arm_files(exp, design, seed, arm):
    """The files the classification summary reads for one arm of one seed."""
    seeds_dir, system = seed_dir(design.seeds, seed), system_dir(design, arm.system)
    here = arm_dir(exp, design, seeds_dir, arm)
    stem = score_stem(exp, seeds_dir, system, arm.iteration)
    return {"valid": f"{here}/valid.score", "test": f"{stem}.score", "pred": f"{stem}.pred", "model": f"{here}/model"}


def learned_file(exp, seed_dir_, system_dir_):
    """A learning explainer's map of a replicate's baseline (SMaT's head coefficients), in the
    replicate's folder, never in the baseline's model directory."""
    return f"results/{exp}/{seed_dir_}{system_dir_}learned/explainer.json"


def simulability_dir(exp, seed_dir_):
    """A replicate's simulability students (classification)."""
    return f"results/{exp}/{seed_dir_}simulability"


def student_file(exp, seed_dir_, setting, budget, student):
    """One simulability student's record: its per-example agreement with the baseline on test."""
    return f"{simulability_dir(exp, seed_dir_)}/{setting}/budget_{budget}/student_{student}.json"


def simulability_student_runs(exp, design, seeds=None):
    """(seed, setting, budget, student) of every student of `seeds` (default: the design's),
    and their record files, in the same order."""
    runs = [(seed, *run) for seed in (design.seeds if seeds is None else seeds) for run in design.simulability_runs()]
    return runs, [student_file(exp, seed_dir(design.seeds, seed), *run) for seed, *run in runs]


def agreement_runs(experiment, design, seeds=None):
    """(seed, student, teacher) of every trained method that learns a teacher's maps and
    explains with its own (IMPACTX), and of each of its variants, per seed of `seeds`
    (default: the design's)."""
    return [(seed, student, teacher_of(experiment, method))
            for seed in (design.seeds if seeds is None else seeds)
            for method in design.trained
            if systems.system(method).teacher and systems.is_kind(method, systems.EXPLAINER)
            for student in (method, *design.variants_of(method))]


def agreement_files(exp, design, runs):
    """{students, teachers}: each run's test score files: the student's (of its model 0, a
    variant's of its own) and its teacher's (of the baseline)."""
    def scores(seed, system):
        return f"{explained_dir(exp, seed_dir(design.seeds, seed), system_dir(design, system), 0)}/scores/test.jsonl"

    return {"students": [scores(seed, student) for seed, student, _ in runs],
            "teachers": [scores(seed, teacher) for seed, _, teacher in runs]}
