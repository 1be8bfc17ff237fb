"""The summary of chosen seeds of a run, read where the run wrote them: for a session that
adds a few seeds of a long run without the files of its first seed.

A seed's folder (`''` or `seed_<s>/`) and its explainer seed count from the first seed of the
list the run was started with, so a summary of seeds 3-5 cannot simply list `seeds: [3, 4, 5]`.
This command keeps the run's whole list for the paths and summarises the chosen seeds only,
into a folder that `ielearn.merge_seeds` then adds to the committed one:

    python -m ielearn.summarise_seeds trec --seeds 3 4 5 --run <the run's folder> --out /tmp/trec
    python -m ielearn.merge_seeds docs/results/trec /tmp/trec

Run it from this checkout with `--run`: inside a run's own clone, `python -m` would import that
clone's package first.

It writes what the experiment's summary writes (classification: classification.tsv and its
siblings, the explanation-quality tables where `quality` is enabled, IMPACTX's agreement table
where a method learns a teacher's maps and the simulability tables where `simulability` is
enabled; translation: summary.tsv and its siblings), with the per-seed scores, the per-item
records, the agreement's unrounded per-seed rows, every simulability student's per-example
agreement, and config.yaml, the experiment's and dataset's entries with `seeds` set to the
chosen ones.

A run started before issue 28 (a long run going on at an older commit) wrote its explanation
files one iteration up (ielearn/migrate_layout.py): its quality curves and teacher-agreement
scores are read where it wrote them, so its folder needs no migration to be summarised.
"""

import argparse
import os
from dataclasses import replace
from pathlib import Path

import yaml

from ielearn.classify.config import classification_dataset, classification_experiments, classification_settings
from ielearn.classify.tasks import task_of
from ielearn.config import experiment_settings, load_config
from ielearn.design import classification_design, translation_design
from ielearn.errors import UserError, exiting
from ielearn.io import atomic_write
from ielearn.layout import (agreement_files, agreement_runs, classification_arm_files, quality_curves_file,
                            simulability_student_runs, translation_arm_files)
from ielearn.merge_seeds import entries_of
from ielearn.migrate_layout import in_either_layout
from ielearn.summary_runs import arms_over_seeds, files_over_seeds, summary_runs
from ielearn.summary_tables import CLASSIFICATION, QUALITY, table_files

CLASSIFICATION_OUTPUTS = ("table", "per_seed", "comparisons", "comparisons_per_seed", "verdict", "compute")
CLASSIFICATION_NAMES = {**{key: path.name for key, path in table_files("", CLASSIFICATION).items()},
                        "verdict": "classification_verdict.txt", "compute": "classification_compute.tsv",
                        "item_records": "classification_items_per_seed.tsv.gz",
                        "scores": "classification_scores_per_seed.tsv"}
TRANSLATION_NAMES = {"table": "summary.tsv", "per_seed": "scores_per_seed.tsv", "comparisons": "comparisons.tsv",
                     "comparisons_per_seed": "comparisons_per_seed.tsv", "verdict": "verdict.txt",
                     "compute": "compute.tsv", "item_records": "items_per_seed.tsv.gz"}


def _runs(design, seeds, files_of, kinds, beside):
    """(the summary runs of `seeds` with their files of `kinds`, each run's path of `beside`);
    one UserError where a file of `kinds` is missing."""
    files = files_over_seeds(design, files_of, (*kinds, beside), seeds)
    missing = [path for paths in zip(*(files[kind] for kind in kinds)) for path in paths if not Path(path).exists()]
    if missing:
        raise UserError(f"{missing[0]} is missing ({len(missing)} file(s) in all): are seeds {list(seeds)} "
                        "finished in this folder? (run `snakemake $(python -m ielearn.replicate_targets <exp> "
                        "<seed>)` for each)")
    return summary_runs(arms_over_seeds(design, seeds), **{kind: files[kind] for kind in kinds}), files[beside]


def write_quality_tables(name, whole, seeds, significance, out):
    """Write the explanation-quality tables of the chosen seeds from the curves the run wrote
    and return None; where a seed's curves are missing, write nothing and return the reason
    (the score tables do not need them: a run whose replicate_targets did not name them; and
    merge_seeds does not read them)."""
    from ielearn.classify.quality_summary import write_quality_summary

    curves = [{"seed": seed, "explainer": system, "iteration": k,
               "path": in_either_layout(quality_curves_file(name, whole, seed, system, k))}
              for seed in seeds for system, k in whole.quality_runs()]
    missing = [curve["path"] for curve in curves if not Path(curve["path"]).exists()]
    if missing:
        return (f"quality tables not written: {missing[0]} is missing ({len(missing)} curve file(s) in all); "
                f"build them with `snakemake <those files>` (python -m ielearn.replicate_targets names them)\n")
    write_quality_summary(curves, list(whole.quality_systems()), whole.depth, list(seeds),
                          table_files(out, QUALITY),
                          significance)


def _not_written(what, missing, kind):
    return (f"{what} not written: {missing[0]} is missing ({len(missing)} {kind}(s) in all); build them with "
            "`snakemake <those files>`\n")


def write_agreement_tables(name, experiment, whole, seeds, out):
    """IMPACTX's agreement table of the chosen seeds as rule cls_teacher_agreement writes it,
    and its unrounded per-seed rows (merge_seeds carries them); None, or why it is not written.
    """
    from ielearn.classify.impactx import agreement

    runs = agreement_runs(experiment, whole, seeds)
    if not runs:
        return None
    files = {kind: [in_either_layout(path) for path in paths] for kind, paths in agreement_files(name, whole, runs).items()}
    missing = [path for path in files["students"] + files["teachers"] if not Path(path).exists()]
    if missing:
        return _not_written("the agreement table", missing, "score file")
    rows = agreement.write_agreement_table(out / agreement.TABLE, runs, files["students"], files["teachers"])
    agreement.write_agreement_per_seed(out / agreement.PER_SEED, rows)


def write_simulability_files(name, experiment, whole, seeds, out):
    """The simulability tables of the chosen seeds as rule cls_simulability_summary writes
    them, and every student's per-example agreement (merge_seeds carries it); None, or why
    they are not written."""
    from ielearn.classify import simulability_summary
    from ielearn.classify.simulability import measure

    if not measure.enabled(experiment):
        return None
    runs, paths = simulability_student_runs(name, whole, seeds)
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        return _not_written("the simulability tables", missing, "student record")
    records = simulability_summary.student_records(
        [{"seed": seed, "setting": setting, "budget": budget, "path": path}
         for (seed, setting, budget, _), path in zip(runs, paths, strict=True)])
    simulability_summary.write_simulability_summary(records, whole.simulability_comparisons(), list(seeds),
                                                    simulability_summary.pipeline_outputs_in(out),
                                                    experiment["significance"])
    simulability_summary.write_student_records(out / simulability_summary.STUDENTS,
                                               simulability_summary.student_agreements(records))


def summarise_seeds(config_path, name, seeds, out):
    """Write the summary of `seeds` of experiment `name` (run in the current folder with the
    config at config_path) into `out`."""
    config, out = load_config(config_path), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    classification = name in classification_experiments(config)
    experiment = classification_settings(config, name) if classification else experiment_settings(config, name)
    whole = (classification_design if classification else translation_design)(experiment)
    unknown = [s for s in seeds if s not in whole.seeds]
    if unknown:
        raise UserError(f"seed(s) {unknown} are not among {name}'s seeds {list(whole.seeds)} (config.yaml)")
    design = replace(whole, seeds=tuple(seeds))  # the statistics over the chosen seeds only
    if classification:
        from ielearn.classify.summary import write_classification_summary

        runs, models = _runs(whole, seeds, lambda s, a: classification_arm_files(name, whole, s, a),
                             ("valid", "test", "pred"), "model")
        outputs = {key: out / CLASSIFICATION_NAMES[key] for key in CLASSIFICATION_NAMES}
        text = write_classification_summary(design, runs, task_of(classification_dataset(config, name)), outputs,
                                            experiment["significance"], models=models)
        if experiment["quality"]["enabled"]:
            text += write_quality_tables(name, whole, seeds, experiment["significance"], out) or ""
        text += write_agreement_tables(name, experiment, whole, seeds, out) or ""
        text += write_simulability_files(name, experiment, whole, seeds, out) or ""
    else:
        from ielearn.nmt.summary import write_summary

        runs, computes = _runs(whole, seeds, lambda s, a: translation_arm_files(name, whole, s, a),
                               ("valid", "test", "hyp"), "compute")
        outputs = {key: out / TRANSLATION_NAMES[key] for key in TRANSLATION_NAMES}
        text = write_summary(design, runs, f"results/{name}/data/raw/test.tgt", outputs, experiment["significance"],
                             computes=computes)
    entries = entries_of(yaml.safe_load(Path(config_path).read_text()), name, config_path)  # as merge_seeds reads it
    for section in (entries.get("classification") or entries)["experiments"].values():
        section["seeds"] = list(seeds)
    with atomic_write(out / "config.yaml") as handle:
        handle.write(f"# {name}'s entries, the seeds summarised here ({list(seeds)} of {list(whole.seeds)})\n")
        handle.write(yaml.safe_dump(entries, sort_keys=False))
    return text


@exiting  # a bad seed, config or missing file is one line, not a traceback
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment")
    parser.add_argument("--seeds", type=int, nargs="+", required=True)
    parser.add_argument("--out", required=True, help="the folder to write (then: python -m ielearn.merge_seeds)")
    parser.add_argument("--config", default="config.yaml",
                        help="the config the run was started with (relative to --run)")
    parser.add_argument("--run", default=".", help="the run's folder, which holds results/ (default: here)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    # the run's own folder, so that this code (not a run clone's package, which `python -m`
    # run inside that clone would import first) reads its results/
    os.chdir(args.run)
    print(summarise_seeds(args.config, args.experiment, args.seeds, out), end="")


if __name__ == "__main__":
    main()
