"""The runs a summary reads: each (seed, system, iteration) of the design with its files, for
both halves' summary rules and ielearn.summarise_seeds."""

from pathlib import Path

from ielearn.errors import UserError
from ielearn.io import read_json


def summary_runs(arms, **files):
    """arms: [(seed, system, iteration)]; files: name → paths in the order of arms (a rule's
    named input lists) → one dict per run: seed, system, iteration and one path per name.
    Each run's models must have trained with its seed (check_trained_with_its_seed)."""
    names = list(files)
    paths = zip(*files.values(), strict=True)
    runs = [{"seed": seed, "system": system, "iteration": int(k), **dict(zip(names, row, strict=True))}
            for (seed, system, k), row in zip(arms, paths, strict=True)]
    check_trained_with_its_seed(runs)
    return runs


def check_trained_with_its_seed(runs):
    """The provenance record beside each test score (`<score>.provenance.json`) names the seed
    every model behind it trained with; a replicate's scores come from models of its own seed.
    A summary whose seed list maps seeds to another replicate's folders (the first seed's run
    is results/<exp>/, the others seed_<s>/) would otherwise pair seeds with the wrong scores."""
    for run in runs:
        record = Path(f"{run.get('test')}.provenance.json")
        if "test" not in run or not record.exists():  # no score, or made before provenance records
            continue
        trained = {seed for seed in read_json(record)["seeds"]["training"] if seed is not None}
        if trained - {run["seed"]}:
            raise UserError(
                f"{run['test']} is read as seed {run['seed']}'s {run['system']}/{run['iteration']}, but "
                f"its models trained with seed(s) {sorted(trained)} ({record}): the seed list maps "
                "seeds to another replicate's folder; keep the run's own seed list (its first seed's "
                "run is results/<exp>/) and choose seeds with summarise_seeds --seeds"
            )


def arms_over_seeds(design, seeds=None):
    """[(seed, system, iteration)] of every arm of `seeds` (default: the design's), in the order
    both halves' summaries read them: seed by seed, each in the design's order."""
    return [(seed, arm.system, arm.iteration) for seed, arm in _seed_arms(design, seeds)]


def files_over_seeds(design, files_of, kinds, seeds=None):
    """{kind: [path per arm of arms_over_seeds]}: files_of(seed, arm) gives each arm's files
    (ielearn.layout's translation_arm_files or classification_arm_files)."""
    files = [files_of(seed, arm) for seed, arm in _seed_arms(design, seeds)]
    return {kind: [f[kind] for f in files] for kind in kinds}


def _seed_arms(design, seeds):
    return [(seed, arm) for seed in (design.seeds if seeds is None else seeds) for arm in design.arms()]
