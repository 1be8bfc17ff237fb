"""Move an experiment's results from the layout before issue 18 to today's (docs/layout.md):

    python -m ielearn.migrate_layout results/<exp> [--dry-run]

Only classification moved. Per replicate (results/<exp>/ and each results/<exp>/seed_<s>/):
    baseline/{model,valid.score,valid.pred}  →  iter_0/…   (the baseline is iteration 0)
    scc/model                                →  scc/iter_0/model
    random/, none/                           →  control_random/, control_none/
Translation results need nothing (their paths did not change). Running it again finds nothing
to move; where a target already exists it moves nothing and names every conflict. Files keep
their modification times, so Snakemake takes the moved results as up to date.
"""

import argparse
import re
import sys
from pathlib import Path

from ielearn.errors import UserError

BASELINE_FILES = ("model", "valid.score", "valid.pred")
RENAMED_SYSTEMS = {"random": "control_random", "none": "control_none"}


def replicate_dirs(experiment_dir):
    """results/<exp>/ and its seed_<s>/ replicates."""
    seeds = [p for p in sorted(experiment_dir.iterdir()) if p.is_dir() and re.fullmatch(r"seed_\d+", p.name)]
    return [experiment_dir, *seeds]


def planned_moves(experiment_dir):
    """[(old path, new path)] of every result still in the old layout."""
    moves = []
    for here in replicate_dirs(experiment_dir):
        moves += [(here / "baseline" / name, here / "iter_0" / name) for name in BASELINE_FILES]
        moves.append((here / "scc" / "model", here / "scc" / "iter_0" / "model"))
        moves += [(here / old, here / new) for old, new in RENAMED_SYSTEMS.items()]
    return [(old, new) for old, new in moves if old.exists()]


def migrate(experiment_dir, dry_run=False):
    """Move every old-layout result of results/<exp>/ to its new path; returns the moves."""
    experiment_dir = Path(experiment_dir)
    if not experiment_dir.is_dir():
        raise UserError(f"{experiment_dir}: no such results directory (give results/<exp>)")
    moves = planned_moves(experiment_dir)
    conflicts = [f"{old} → {new}" for old, new in moves if new.exists()]
    if conflicts:
        raise UserError("these targets exist already, so nothing was moved; remove one side of each "
                        "and run again:\n  " + "\n  ".join(conflicts))
    if not dry_run:
        for old, new in moves:
            new.parent.mkdir(parents=True, exist_ok=True)
            old.rename(new)
        for here in replicate_dirs(experiment_dir):
            baseline = here / "baseline"
            if baseline.is_dir() and not any(baseline.iterdir()):
                baseline.rmdir()
    return moves


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("experiment_dir", type=Path, help="results/<exp>")
    parser.add_argument("--dry-run", action="store_true", help="print the moves, move nothing")
    options = parser.parse_args(argv)
    try:
        moves = migrate(options.experiment_dir, options.dry_run)
    except UserError as error:
        sys.exit(f"ielearn.migrate_layout: {error}")
    for old, new in moves:
        print(f"{'would move' if options.dry_run else 'moved'} {old} → {new}")
    print(f"{len(moves)} paths {'to move' if options.dry_run else 'moved'}" if moves else "nothing to move")


if __name__ == "__main__":
    main()
