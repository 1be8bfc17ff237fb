"""Move an experiment's results from earlier layouts to today's (docs/layout.md):

    python -m ielearn.migrate_layout results/<exp> [--dry-run]

Only classification moved. First the layout before issue 18, per replicate (results/<exp>/
and each results/<exp>/seed_<s>/):
    baseline/{model,valid.score,valid.pred}  →  iter_0/…   (the baseline is iteration 0)
    scc/model                                →  scc/iter_0/model
    random/, none/                           →  control_random/, control_none/
then the one of issue 28, where iter_<k>/ of a system held the words iteration k appends,
chosen by model k-1: today k is the model in every path, so per system directory
    <system_dir>iter_<k>/{words,rankings,scores,quality}/  →  <system_dir>iter_<k-1>/…
(k = 1, 2, ... in turn; <system_dir>iter_0/ of a chain that starts from the shared baseline
holds its words of the baseline and no model). A system directory is in that older layout
when it has some of those folders and none in iter_0/: today's first words are model 0's.
Translation results need no move (their paths did not change). Running it again finds
nothing to move; where a target already exists it moves nothing and names every conflict.
Files keep their modification times, and where results/<exp> sits in a Snakemake working
directory, Snakemake's records of its outputs (.snakemake/metadata) follow the moves and
record their params in the order the rules now pass them (ielearn/snakemake_records.py, for
either half), so Snakemake takes the moved results as up to date; logs keep their old names.
"""

import argparse
import re
import sys
from pathlib import Path

from ielearn.errors import UserError
from ielearn.snakemake_records import rewrite_records

BASELINE_FILES = ("model", "valid.score", "valid.pred")
RENAMED_SYSTEMS = {"random": "control_random", "none": "control_none"}
# what a system measured on one model (ielearn/layout.py, explained_dir)
EXPLAINED = ("words", "rankings", "scores", "quality")
ITERATION = re.compile(r"iter_(\d+)")
OLD_EXPLAINED = re.compile(rf"(.*/)?iter_(\d+)/((?:{'|'.join(EXPLAINED)})/.*)")


def replicate_dirs(experiment_dir):
    """results/<exp>/ and its seed_<s>/ replicates."""
    seeds = [p for p in sorted(experiment_dir.iterdir()) if p.is_dir() and re.fullmatch(r"seed_\d+", p.name)]
    return [experiment_dir, *seeds]


def planned_moves(experiment_dir):
    """[(old path, new path)] of every result still in the layout before issue 18."""
    moves = []
    for here in replicate_dirs(experiment_dir):
        moves += [(here / "baseline" / name, here / "iter_0" / name) for name in BASELINE_FILES]
        moves.append((here / "scc" / "model", here / "scc" / "iter_0" / "model"))
        moves += [(here / old, here / new) for old, new in RENAMED_SYSTEMS.items()]
    return [(old, new) for old, new in moves if old.exists()]


def explained_by_iteration(experiment_dir):
    """{system directory: {k: [its EXPLAINED folders in iter_<k>/]}} below results/<exp>/."""
    found = {}
    for folder in sorted(experiment_dir.rglob("iter_*")):
        match = ITERATION.fullmatch(folder.name)
        if match and folder.is_dir():
            explained = [folder / name for name in EXPLAINED if (folder / name).is_dir()]
            found.setdefault(folder.parent, {})[int(match.group(1))] = explained
    return found


def explanation_moves(experiment_dir):
    """[(old folder, new folder)] of every system directory whose words, rankings, scores and
    quality sit one iteration up (the layout before issue 28), k = 1, 2, ... in turn."""
    moves = []
    for system, iterations in explained_by_iteration(experiment_dir).items():
        if iterations.get(0) or not any(iterations.values()):
            continue
        for k in sorted(iterations):
            moves += [(folder, system / f"iter_{k - 1}" / folder.name) for folder in iterations[k]]
    return moves


def in_either_layout(path):
    """`path` of today's layout, or, where only a run of the layout before issue 28 has it
    (a run still going at an older commit), the path that run wrote: what
    ielearn.summarise_seeds reads a seed's explanation files from."""
    path = Path(path)
    match = OLD_EXPLAINED.fullmatch(path.as_posix())
    if path.exists() or not match:
        return path
    older = Path(f"{match.group(1) or ''}iter_{int(match.group(2)) + 1}/{match.group(3)}")
    return older if older.exists() else path


def _move(moves, dry_run):
    """Make `moves` in order, or none of them where a target exists and is not moved away first."""
    leaving = {old for old, _ in moves}
    conflicts = [f"{old} → {new}" for old, new in moves if new.exists() and new not in leaving]
    if conflicts:
        raise UserError("these targets exist already, so nothing was moved; remove one side of each "
                        "and run again:\n  " + "\n  ".join(conflicts))
    if not dry_run:
        for old, new in moves:
            new.parent.mkdir(parents=True, exist_ok=True)
            old.rename(new)
    return moves


def _remove_if_empty(folder):
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def migrate(experiment_dir, dry_run=False):
    """Move every old-layout result of results/<exp>/ to its new path; returns the moves (a dry
    run of a tree from before issue 18 lists the later moves as the tree stands)."""
    experiment_dir = Path(experiment_dir)
    if not experiment_dir.is_dir():
        raise UserError(f"{experiment_dir}: no such results directory (give results/<exp>)")
    moves = _move(planned_moves(experiment_dir), dry_run)
    if not dry_run:
        for here in replicate_dirs(experiment_dir):
            _remove_if_empty(here / "baseline")
    explanations = _move(explanation_moves(experiment_dir), dry_run)
    if not dry_run:
        for old, _ in explanations:
            _remove_if_empty(old.parent)  # an iteration that held only words (random's, rated alone)
    workdir = experiment_dir.resolve().parent.parent
    if experiment_dir.resolve().parent.name == "results":
        def relative(stage):
            return [(str(old.resolve().relative_to(workdir)), str(new.resolve().relative_to(workdir)))
                    for old, new in stage]

        rewrite_records(workdir, str(experiment_dir.resolve().relative_to(workdir)),
                        [relative(moves), relative(explanations)], dry_run)
    return moves + explanations


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
