"""Names of runs, the unit the bootstrap rules work on.

A run is `<exp>[/seed_<s>][/control_<c> | /noise_<r>]`:
- `demo`                    the experiment at its first seed (the paths users know),
- `demo/seed_2`             the whole experiment replicated at seed 2 (its own baseline),
- `demo/control_random`     a control at the same fine-tuning budget (also under seed_<s>),
- `demo/noise_50`           the experiment's fine-tune with r = 50 % of its words randomised.

The experiment or `<exp>/seed_<s>` alone is a *replicate*: the baseline (iteration 0) of every
run lives in its replicate. Which runs an experiment has is decided in ielearn/design.py.
"""

import re
from dataclasses import dataclass

from ielearn.design import seeds_of

RUN_TAIL = r"(/seed_\d+)?(/control_(random|none)|/noise_\d+)?"
RUN_PATTERN = r"[^/]+" + RUN_TAIL
REPLICATE_PATTERN = r"[^/]+(/seed_\d+)?"
_PARTS = re.compile(r"(?P<exp>[^/]+)(/seed_(?P<seed>\d+))?(/(?P<variant>control_(random|none)|noise_\d+))?")


@dataclass(frozen=True)
class Run:
    experiment: str
    seed: int | None  # None: the experiment's first seed, at results/<exp>/
    variant: str | None  # 'control_random', 'control_none', 'noise_<r>' or None

    @property
    def replicate(self):
        return self.experiment if self.seed is None else f"{self.experiment}/seed_{self.seed}"

    @property
    def name(self):
        return self.replicate if self.variant is None else f"{self.replicate}/{self.variant}"

    @property
    def control(self):
        """'random' or 'none' for a control run, else None."""
        if self.variant and self.variant.startswith("control_"):
            return self.variant.removeprefix("control_")
        return None

    @property
    def noise_percent(self):
        """r of a noise run (0-100), else None."""
        if self.variant and self.variant.startswith("noise_"):
            return int(self.variant.removeprefix("noise_"))
        return None


def runs_of(experiments):
    """Regex of every run of the named experiments (matching nothing for none)."""
    return f"({'|'.join(re.escape(name) for name in experiments)}){RUN_TAIL}" if experiments else "(?!)"


def parse_run(name):
    match = _PARTS.fullmatch(name)
    if match is None:
        raise ValueError(f"not a run name: {name!r} (expected <exp>[/seed_<s>][/control_<c>|/noise_<r>])")
    seed = match["seed"]
    return Run(match["exp"], None if seed is None else int(seed), match["variant"])


def seed_of(run, experiment):
    """The training seed of a run: its seed_<s>, or the experiment's first seed."""
    run = parse_run(run) if isinstance(run, str) else run
    return seeds_of(experiment)[0] if run.seed is None else run.seed


def noise_of(run, experiment):
    """Share of appended words randomised: the run's noise_<r>, else the experiment's `noise`."""
    run = parse_run(run) if isinstance(run, str) else run
    percent = run.noise_percent
    return experiment["noise"] if percent is None else percent / 100
