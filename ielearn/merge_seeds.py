"""Add the replicates of another run of the same experiment to a committed results folder,
so that an experiment's seeds can run in several sessions (or machines) and be analysed as one.

    python -m ielearn.merge_seeds docs/results/<exp> <folder of the new seeds> [--config config.yaml]

Both folders hold the files the summary writes per seed — scores_per_seed.tsv and the per-item
records (items_per_seed.tsv.gz or classification_items_per_seed.tsv.gz), compute.tsv or
classification_compute.tsv where present, and where python -m ielearn.summarise_seeds wrote them
IMPACTX's per-seed agreement rows (classification_teacher_agreement_per_seed.tsv) and the
simulability students' records (classification_simulability_students_per_seed.tsv.gz) and
their fits (classification_simulability_fit.tsv) — and
config.yaml, the experiment's and dataset's
entries the run used (a results/<exp> folder has none: then they are taken from --config,
the config the run was started with). The entries must be the same but for `seeds` (the same experiment, run
for other seeds); a seed already in the target is refused (a replicate counts once). The rows
are appended, config.yaml's seeds become the union, and `python -m ielearn.recompute` on the
target then gives the statistics over every seed.
"""

import argparse
import copy
import gzip
import shutil
from pathlib import Path

import yaml

from ielearn.classify.impactx.agreement import PER_SEED as AGREEMENT_PER_SEED
from ielearn.classify.simulability_summary import FIT_TABLE as SIMULABILITY_FIT
from ielearn.classify.simulability_summary import STUDENTS as SIMULABILITY_STUDENTS
from ielearn.errors import UserError
from ielearn.inference.item_records import read_item_records
from ielearn.io import atomic_write, read_tsv
from ielearn.recompute import ENTRY_SECTIONS
from ielearn.score_rows import SCORE_FILES, score_table, score_table_from_per_seed

ROW_FILES = (*SCORE_FILES, "compute.tsv", "classification_compute.tsv", AGREEMENT_PER_SEED, SIMULABILITY_FIT)
ITEM_FILES = ("items_per_seed.tsv.gz", "classification_items_per_seed.tsv.gz", SIMULABILITY_STUDENTS)


def _read_config(folder, fallback=None, name=None):
    """The entries the run in `folder` used: its config.yaml, else experiment `name`'s (the
    target folder's name) and its dataset's entries of the config file `fallback`."""
    path = Path(folder) / "config.yaml"
    if path.exists():
        return yaml.safe_load(path.read_text()) or {}
    if fallback is None:
        raise UserError(f"{path}: missing; give the config the run used with --config")
    return entries_of(yaml.safe_load(Path(fallback).read_text()), name, fallback)


def entries_of(config, name, source):
    """The experiment `name`'s entry and its dataset's, of either half, as a config of their own."""
    for parents in ((), ("classification",)):
        section = config
        for key in parents:
            section = section.get(key) or {}
        experiment = (section.get("experiments") or {}).get(name)
        if experiment:
            dataset = experiment["dataset"]
            entries = {"datasets": {dataset: section["datasets"][dataset]}, "experiments": {name: experiment}}
            return {"classification": entries} if parents else entries
    raise UserError(f"{source}: no experiment {name!r} (the target folder's name) in it")


def _entries(config):
    """Every experiment and dataset entry of a config (both halves), as the dicts themselves."""
    for section in ENTRY_SECTIONS:
        node = config
        for key in section:
            node = (node or {}).get(key) or {}
        yield from (entry for entry in node.values() if isinstance(entry, dict))


def _without_seeds(config):
    config = copy.deepcopy(config)
    for entry in _entries(config):
        entry.pop("seeds", None)
    return config


def _seeds(folder):
    return {int(row["seed"]) for row in read_tsv(score_table(Path(folder)))}


def _union_seeds(config, seeds):
    for entry in _entries(config):
        if "seeds" in entry:
            entry["seeds"] = sorted(seeds)
    return config


def _append_rows(target, source):
    lines, existing = source.read_text().splitlines(keepends=True), target.read_text()
    if lines[0].rstrip("\n") != existing.splitlines()[0]:
        raise UserError(f"{source}: its columns differ from {target}'s (another version of ielearn?)")
    with atomic_write(target) as out:
        out.write(existing + "".join(lines[1:]))


def _append_gzip(target, source):
    read_item_records(source)  # refuse a malformed file before touching the target
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        header, *rows = handle.read().splitlines(keepends=True)
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        existing = handle.read()
    if existing.splitlines()[0] != header.rstrip("\n"):
        raise UserError(f"{source}: its columns differ from {target}'s")
    with atomic_write(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write((existing + "".join(rows)).encode("utf-8"))


def merge_seeds(target, source, config=None):
    """Append `source`'s replicates to `target` (see the module docstring); returns the seeds.
    config: the config file to read the run's entries from where `source` keeps none."""
    target, source = Path(target), Path(source)
    ours, theirs = _read_config(target), _read_config(source, config, target.name)
    if _without_seeds(ours) != _without_seeds(theirs):
        raise UserError(f"{source}/config.yaml and {target}/config.yaml differ in more than `seeds`: these are "
                        "not replicates of one experiment; rerun the new seeds with the target's entries")
    old, new = _seeds(target), _seeds(source)
    if old & new:
        raise UserError(f"{source}: seed(s) {sorted(old & new)} are already in {target}; a replicate counts once")
    for name in ROW_FILES:
        present = ((target / name).exists(), (source / name).exists())
        if present == (True, True):
            _append_rows(target / name, source / name)
        elif any(present):
            raise UserError(f"{name} is in only one of {target} and {source}; both or neither (write both "
                            "with python -m ielearn.summarise_seeds)")
    items = [name for name in ITEM_FILES if (target / name).exists() or (source / name).exists()]
    for name in items:
        if not (target / name).exists() or not (source / name).exists():
            raise UserError(f"{name} is in only one of {target} and {source}: without per-item records for every "
                            "seed the seeds + items statistics cannot be computed")
        _append_gzip(target / name, source / name)
    merged = _union_seeds(ours, old | new)
    with atomic_write(target / "config.yaml") as out:
        out.write(f"# merged by ielearn.merge_seeds: seeds {sorted(old)} and {sorted(new)}\n")
        out.write(yaml.safe_dump(merged, sort_keys=False))
    return sorted(old | new)


def start(target, source, config=None):
    """Make `target` from a first run's folder (the files merge_seeds reads), for later merges."""
    target, source = Path(target), Path(source)
    entries = _read_config(source, config, target.name)
    target.mkdir(parents=True, exist_ok=True)
    for name in (*ROW_FILES, *ITEM_FILES):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    with atomic_write(target / "config.yaml") as out:
        out.write(f"# the entries the run of {source} used\n")
        out.write(yaml.safe_dump(entries, sort_keys=False))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="the committed folder (docs/results/<exp>); created from source if absent")
    parser.add_argument("source", help="the folder of the new seeds (results/<exp>, or a copy with config.yaml)")
    parser.add_argument("--config", default="config.yaml",
                        help="where the run's entries are when the source folder keeps no config.yaml")
    args = parser.parse_args(argv)
    try:
        source = Path(args.source)
        if not any((source / name).exists() for name in SCORE_FILES):  # a run made before the summary wrote one
            score_table_from_per_seed(source)
        if not any(Path(args.target, name).exists() for name in SCORE_FILES):
            start(args.target, args.source, args.config)
            print(f"{args.target}: started from {args.source} (seeds {sorted(_seeds(args.target))})")
            return
        seeds = merge_seeds(args.target, args.source, args.config)
    except UserError as error:
        raise SystemExit(f"ielearn.merge_seeds: {error}") from None
    print(f"{args.target}: seeds {seeds}; now run python -m ielearn.recompute {args.target}")


if __name__ == "__main__":
    main()
