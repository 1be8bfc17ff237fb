"""What an experiment runs and compares, decided in one place for both halves.

An experiment is a set of *arms*, each a system at a bootstrap iteration, replicated over
seeds: the baseline (iteration 0), every main system (translation: the experiment's `append`;
classification: each explainer) at iterations 1..bootstrap, and every control (`random`,
`none`) at iterations 1..control depth. The rules ask this module which runs to build, and
both summaries ask it which comparisons to make:
- every arm against the baseline;
- every main system against each control at the same iteration (the same extra training);
- once validation has picked an iteration for every system, each main system at its pick
  against each control at the control's own pick (`picked_comparisons`).
The *primary question* is declared before the run: a named family of these comparisons
(config `significance.primary`; by default each main system at iteration 1 against each
control at iteration 1, the same extra training), corrected only within that family
(ielearn.inference.answers). Every other comparison is exploratory.
Classification may also train *other systems* from the pretrained encoder (`trained`, each
one arm at iteration 0, e.g. SCC: a training method, not appended words). Such a system is
compared with the baseline (the same start and one training), with `none` at iteration 1
(the baseline plus one more training on the plain input: the control for "it only trained
longer"; the compute columns show how long each really trained), and, once validation has
picked, with each main system at its pick.
A trained system that is also a main system (SCC's own words, appended and fine-tuned with
SCC's loss) starts its chain from its own model 0, so the baseline chain's controls do not
match it: it gets its own controls, `none@scc` and `random@scc` (the SCC model fine-tuned
with nothing appended or with random words, the same loss and budget), and its iterations
are compared with those and with its own model 0 ('same start').
A trained method may have *variants* (ielearn/systems.py; IMPACTX's: λ = 0, shuffled targets,
random targets): its own controls, each a model 0 of the same architecture and budget with one
thing taken away, named '<variant>@<method>' and kept in <method>/control_<variant>/. The
method's model 0 is compared with each ('same architecture'), and when an experiment enables
such a method, its question is the primary family by default: its model 0 against the
baseline and against each variant (only the variants separate the method from the capacity
it adds).
The *simulability* measure (config `simulability`, docs/simulability.md) is decided here too:
per seed, `students` students of each setting and budget (`simulability_runs`), each setting
compared with the no-explainer student and with random scores at the same budget, SMaT's learned
map also with the static attention it starts from (`simulability_comparisons`), in a family of
its own.

Plain Python: no torch, no Snakemake (tests/test_design.py checks the imports).
"""

from dataclasses import dataclass, replace

from ielearn import systems
from ielearn.errors import UserError
from ielearn.systems import NOTHING, SCC  # noqa: F401 (design's public names, as before the registry)

BASELINE = "baseline"  # the classification baseline's system name
CONTROLS = systems.names(systems.CONTROL)  # the registry's controls ('random', 'none')
TRAINED = systems.names(systems.TRAINED_METHOD)  # the systems that may train their own model 0
# what every simulability setting is compared with: the no-explainer student (β = 0, named
# after the control that appends nothing) and random per-word scores (after `random`)
SIMULABILITY = "simulability"  # a classification experiment's section
REFERENCES = (NOTHING, systems.RANDOM)
REFERENCE_ROLES = dict(zip(REFERENCES, ("no explainer", "random scores")))
# the baseline's attention over every head of every layer (eq. 11): where a learned explainer
# (SMaT) starts (φ_T = 0), so a learned setting is also compared with it
STATIC_ALL = "static_all"
CHAIN = "@"  # 'none@scc': a control's words on the chain that starts from a trained system
# classification's explainers (the schema's enum; ielearn/classify/extract.py runs their rankers)
EXPLAINERS = systems.names(systems.EXPLAINER)


@dataclass(frozen=True, order=True)
class Arm:
    system: str
    iteration: int

    @property
    def label(self):
        """'attention/2', as tables and logs name an arm."""
        return f"{self.system}/{self.iteration}"


@dataclass(frozen=True)
class Comparison:
    arm: Arm
    against: Arm
    why: str  # 'baseline', 'same iteration' or 'own picks'


@dataclass(frozen=True)
class Design:
    baseline: Arm
    mains: tuple
    controls: tuple
    depth: int
    control_depth: int
    seeds: tuple
    trained: tuple = ()  # other systems trained from the pretrained encoder (iteration 0)
    primary: tuple = ()  # ((arm, against), ...): the primary family, declared before the run
    chain_controls: bool = True  # False: a run made before a trained chain had its own controls
    variants: tuple = ()  # the trained methods' variants ('lambda_zero@impactx'), each one model 0
    noise_rates: tuple = ()  # translation: r % of the main system's iteration-1 words made random
    # classification's simulability measure (ielearn/classify/simulability/measure.py): the
    # settings (the two references first), the students' budgets, students per seed and setting
    simulability: tuple = ()
    budgets: tuple = ()
    students: int = 0

    def is_primary(self, arm, against):
        return (arm, against) in self.primary

    def default_primary(self):
        """A trained method with variants: its model 0 against the baseline and each variant;
        else each main system at iteration 1 against each of its controls at iteration 1."""
        varied = tuple((Arm(method, 0), against) for method in self.trained if self.variants_of(method)
                       for against in (self.baseline, *(Arm(v, 0) for v in self.variants_of(method))))
        if varied:
            return varied
        return tuple((Arm(main, 1), self.against(Arm(main, 1), control)) for main in self.mains
                     for control in self.controls if self.against(Arm(main, 1), control))

    def variants_of(self, method):
        """The variants of a trained method that this design runs ('lambda_zero@impactx', ...)."""
        return tuple(v for v in self.variants if v.partition(CHAIN)[2] == method)

    @property
    def chained_controls(self):
        """The controls of the chains that start from a trained system ('none@scc', ...)."""
        if not self.chain_controls:
            return ()
        return tuple(chained(control, start) for start in self.trained if start in self.mains
                     for control in self.controls)

    def start_of(self, system):
        """The trained system whose model 0 the system's chain starts from (a variant: itself);
        None for the baseline's chain."""
        if system in self.variants:
            return system
        start = system.partition(CHAIN)[2] or system
        return start if start in self.trained else None

    def controls_of(self, system):
        """{control: the control system on the same chain as `system`}; {} for a trained
        chain that ran without controls of its own."""
        start = self.start_of(system)
        if start is None or start not in self.mains:
            return {control: control for control in self.controls}
        return {control: chained(control, start) for control in self.controls if self.chain_controls}

    def arms(self):
        """The baseline, the other trained systems and their variants, each main system's
        iterations, then each control's iterations (the baseline chain's, then the trained chains')."""
        arms = [self.baseline, *(Arm(system, 0) for system in (*self.trained, *self.variants))]
        arms += [Arm(main, k) for main in self.mains for k in range(1, self.depth + 1)]
        arms += [Arm(control, k) for control in (*self.controls, *self.chained_controls)
                 for k in range(1, self.control_depth + 1)]
        return arms

    def quality_systems(self):
        """Whose words the explanation-quality measures rate: every main system, then `random`,
        the floor they are compared with."""
        return (*self.mains, systems.RANDOM)

    def quality_runs(self):
        """(system, k) of every rated set of words: each main system at 1..depth; `random` too
        where its control runs, else at iteration 1 only (its words on the baseline: a draw
        that no model is fine-tuned on)."""
        runs = []
        for system in self.quality_systems():
            depth = 1 if system == systems.RANDOM and system not in self.controls else self.depth
            runs += [(system, k) for k in range(1, depth + 1)]
        return runs

    def faithfulness_runs(self):
        """The iterations of the main system whose attention words are measured for
        faithfulness (translation): every model of its chain, 0..depth."""
        return list(range(self.depth + 1))

    def noise_runs(self):
        """The noise curve's points: r % at iteration 1, each rate once."""
        return list(self.noise_rates)

    def simulability_runs(self):
        """(setting, budget, student index) of every student of one seed."""
        return [(setting, budget, student) for budget in self.budgets for setting in self.simulability
                for student in range(self.students)]

    def simulability_comparisons(self):
        """Each setting against the no-explainer student and against random scores at the same
        budget (an arm is Arm(setting, budget)), random against the no-explainer student, and a
        learned explainer (SMaT) against the static attention it starts from, where both run."""
        references = [r for r in REFERENCES if r in self.simulability]
        pairs = [Comparison(Arm(setting, budget), Arm(reference, budget), REFERENCE_ROLES[reference])
                 for budget in self.budgets for setting in self.simulability for reference in references
                 if setting not in references[:references.index(reference) + 1]]
        learned = [s for s in self.simulability if systems.known(s) and systems.system(s).learner]
        return pairs + [Comparison(Arm(setting, budget), Arm(STATIC_ALL, budget), "its start")
                        for budget in self.budgets for setting in learned if STATIC_ALL in self.simulability]

    def control_arm(self, control, k):
        """The control at iteration k, or None where the control did not run that far."""
        return Arm(control, k) if 1 <= k <= self.control_depth else None

    def against(self, arm, name):
        """The arm that `arm` is compared with as 'baseline' or as control `name`, or None: the
        control of the arm's own chain at the same iteration; for a trained system's model 0,
        the baseline chain's `none` at iteration 1."""
        if name == BASELINE:
            return self.baseline
        if arm.iteration == 0:
            return self.control_arm(name, 1) if arm.system in self.trained and name == NOTHING else None
        control = self.controls_of(arm.system).get(name)
        return self.control_arm(control, arm.iteration) if control else None

    def candidates(self, system):
        """The arms validation picks among: a main system may also keep its chain's start (the
        baseline, or a trained system's model 0, which is among its own arms)."""
        own = [arm for arm in self.arms() if arm.system == system and arm != self.baseline]
        return [self.baseline, *own] if system in self.mains and self.start_of(system) is None else own

    def comparisons(self):
        """The comparisons fixed before any result is seen (see the module docstring)."""
        pairs = [Comparison(arm, self.baseline, "baseline") for arm in self.arms()[1:]]
        pairs += [Comparison(Arm(system, 0), self.against(Arm(system, 0), NOTHING), "same budget")
                  for system in self.trained if self.against(Arm(system, 0), NOTHING)]
        pairs += [Comparison(Arm(system, 0), Arm(variant, 0), "same architecture")
                  for system in self.trained for variant in self.variants_of(system)]
        for main in self.mains:
            for k in range(1, self.depth + 1):
                if main in self.trained:
                    pairs.append(Comparison(Arm(main, k), Arm(main, 0), "same start"))
                pairs += [Comparison(Arm(main, k), self.against(Arm(main, k), control), "same iteration")
                          for control in self.controls if self.against(Arm(main, k), control)]
        return pairs

    def picked_comparisons(self, picks):
        """Each main system at its validation pick against each of its controls at the
        control's own pick (picks: {system: Arm}), where that is not already a fixed comparison."""
        fixed = {(c.arm, c.against) for c in self.comparisons()}
        pairs = [Comparison(picks[main], picks[control], "own picks")
                 for main in self.mains for control in self.controls_of(main).values()
                 if picks[main] != self.baseline and (picks[main], picks[control]) not in fixed]
        pairs += [Comparison(Arm(system, 0), picks[main], "own picks")
                  for system in self.trained for main in self.mains
                  if picks[main] not in (self.baseline, Arm(system, 0)) and self.start_of(main) != system]
        return pairs


def chained(control, start):
    """The system name of `control` on the chain that starts from trained system `start`."""
    return f"{control}{CHAIN}{start}"


def method_of(start):
    """(the trained method, the variant's registry name or None) of a chain's start
    ('impactx' → ('impactx', None); 'lambda_zero@impactx' → ('impactx', 'lambda_zero'))."""
    words, _, method = start.partition(CHAIN)
    return (method, words) if method else (start, None)


def teacher_of(experiment, method):
    """The explainer whose per-word scores of the baseline a trained method learns from (its
    section's `teacher`: IMPACTX's)."""
    return experiment[systems.system(method).settings]["teacher"]


def teacher_draws(experiment, system):
    """Whether a system's model 0 learned from a teacher's maps that come from seeded random
    draws (IMPACTX's from SHAP or LIME: the model, its variants and the chains that start from
    it all read them), so that its scores' provenance must record the explainer seed."""
    method = method_of(system)[0]
    if not (systems.known(method) and systems.system(method).teacher):
        return False
    return systems.system(teacher_of(experiment, method)).draws


def control_of(system):
    """The control a system is ('none' for 'none' and 'none@scc'), or None."""
    words = system.partition(CHAIN)[0]
    return words if systems.is_kind(words, systems.CONTROL) else None


PRIMARY_KEY = "significance.primary"


def _parse_arm(text, entry):
    system, _, iteration = text.strip().partition("/")
    if not system or not iteration.isdigit():
        raise UserError(f"{PRIMARY_KEY}: {entry!r} is not of the form 'system/iteration vs system/iteration' "
                        "(e.g. 'attention/1 vs none/1')")
    return Arm(system, int(iteration))


def with_primary(design, entries):
    """The design with its primary family: `entries` ('lime/1 vs none/1', ...) or, when None,
    the default family. Every entry must be one of the design's fixed comparisons."""
    if entries is None:
        return replace(design, primary=design.default_primary())
    fixed = {(c.arm, c.against) for c in design.comparisons()}
    primary = []
    for entry in entries:
        left, separator, right = entry.partition(" vs ")
        if not separator:
            raise UserError(f"{PRIMARY_KEY}: {entry!r} is not of the form 'system/iteration vs system/iteration'")
        pair = (_parse_arm(left, entry), _parse_arm(right, entry))
        if pair not in fixed:
            known = ", ".join(f"'{a.label} vs {b.label}'" for a, b in sorted(fixed))
            raise UserError(f"{PRIMARY_KEY}: {entry!r} is not a comparison this experiment makes; "
                            f"choose among {known}")
        primary.append(pair)
    return replace(design, primary=tuple(dict.fromkeys(primary)))


def without_chain_controls(design, entries):
    """The design of a run made before a trained system's chain had its own controls: that
    chain's words are compared with its start and the baseline only; `entries` as with_primary."""
    return with_primary(replace(design, chain_controls=False, primary=()), entries)


def _primary_entries(experiment):
    return (experiment.get("significance") or {}).get("primary")


def control_depth(experiment):
    """Deepest bootstrap iteration the controls of a translation experiment run to."""
    depth = experiment["controls_bootstrap"]
    return experiment["bootstrap"] if depth is None else min(depth, experiment["bootstrap"])


def seeds_of(experiment):
    """The experiment's seeds: `seeds` if listed, else its single `seed`."""
    return list(experiment.get("seeds") or [experiment["seed"]])


def translation_design(experiment):
    """A translation experiment: the baseline is the main system's iteration 0."""
    main = experiment["append"]
    design = Design(Arm(main, 0), (main,), tuple(c for c in experiment["controls"] if c != main),
                    experiment["bootstrap"], control_depth(experiment), tuple(seeds_of(experiment)),
                    noise_rates=tuple(experiment.get("noise_rates") or ()))
    return with_primary(design, _primary_entries(experiment))


def simulability_settings(experiment):
    """The simulability settings of a classification experiment: the references, then its
    section's `settings`, each once (ielearn/classify/simulability/measure.py says what each is)."""
    return tuple(dict.fromkeys((*REFERENCES, *(experiment.get(SIMULABILITY) or {}).get("settings", ()))))


def classification_design(experiment):
    """A classification experiment: one baseline, each trained method its settings enable
    (SCC, IMPACTX) with its variants, every explainer, the controls, to `bootstrap`."""
    trained = tuple(method for method in systems.names(systems.TRAINED_METHOD)
                    if (experiment.get(systems.system(method).settings) or {}).get("enabled"))
    variants = tuple(chained(variant, method) for method in trained for variant in systems.variants_of(method))
    design = Design(Arm(BASELINE, 0), tuple(experiment["explainers"]), tuple(experiment["controls"]),
                    experiment["bootstrap"], experiment["bootstrap"], tuple(experiment["seeds"]), trained,
                    variants=variants)
    section = experiment.get(SIMULABILITY) or {}
    if section.get("enabled"):
        design = replace(design, simulability=simulability_settings(experiment),
                         budgets=tuple(section["budgets"]), students=section["students"])
    return with_primary(design, _primary_entries(experiment))
