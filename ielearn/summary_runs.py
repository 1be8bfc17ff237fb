"""The runs a summary reads: each (seed, system, iteration) of the design with its files."""


def summary_runs(arms, **files):
    """arms: [(seed, system, iteration)]; files: name → paths in the order of arms (a rule's
    named input lists) → one dict per run: seed, system, iteration and one path per name."""
    names = list(files)
    paths = zip(*files.values(), strict=True)
    return [{"seed": seed, "system": system, "iteration": int(k), **dict(zip(names, row, strict=True))}
            for (seed, system, k), row in zip(arms, paths, strict=True)]
