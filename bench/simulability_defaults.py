"""Choose the simulability students' defaults on valid, never on test (docs/simulability.md,
"Defaults chosen on valid"): SIM on the trec experiment's valid questions of students trained
on a budget of the pool (the questions no split uses) with a trained trec baseline as the
teacher, for each candidate row `setting:β` (`none`: the no-explainer student, β = 0;
`static_all`, `static_last`: the baseline's attention; `random`: random scores), a few students
per row (seeds 0, 1, ...: the same budget draw and head under every row). The test split is
not read. Prints one line per student, with its training loss per epoch, and a table per row:
mean SIM over its students, their sd, how many learned the teacher (fitted their own budget
halfway from the commonest label to 1: student.learned) and the seconds per student. The
pick is read by a person: the row with the highest mean among rows whose students all learned.

    OMP_NUM_THREADS=1 nice -n 15 .venv/bin/python bench/simulability_defaults.py \
        [--teacher RUN/results/trec/iter_0/model] [--examples RUN/results/trec/examples] \
        [--rows none static_all:0.5 static_all:5 random:0.5] [--students 2] [--budget 500] \
        [--epochs 30] [--pooling mean] [--layers 2] [--lr 0.05]
"""

import argparse
import statistics
import time

from ielearn.classify.datasets.prepare import dataset_pool
from ielearn.classify.examples import read_examples
from ielearn.classify.model import set_threads
from ielearn.classify.pretrained import OFFLINE_MINILM
from ielearn.classify.simulability.jobs import teacher_explainer
from ielearn.classify.simulability.settings import student_settings
from ielearn.classify.simulability.simulate import student_agreements
from ielearn.classify.tasks import TREC

RUN = "/work/run_trec/results/trec"
# config.yaml's trec dataset (the splits of the trec run)
TREC_DATASET = {"source": "trec", "seed": 1, "valid_size": 500, "test_size": 1000,
                "max_examples": {"train": 1000, "valid": None, "test": None}}


def parse_row(text):
    setting, _, beta = text.partition(":")
    return setting, float(beta or 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teacher", default=f"{RUN}/iter_0/model")
    parser.add_argument("--examples", default=f"{RUN}/examples", help="the run's examples (train.tsv, valid.tsv)")
    parser.add_argument("--rows", nargs="+", default=["none", "static_all:0.5", "static_all:5", "random:0.5"])
    parser.add_argument("--students", type=int, default=2)
    parser.add_argument("--budget", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--pooling", default="mean")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--lr", type=float, default=0.05, help="the students' SGD step (the config's default)")
    args = parser.parse_args()
    set_threads(1)
    pool, valid = dataset_pool(TREC_DATASET), read_examples(f"{args.examples}/valid.tsv", TREC)
    train = read_examples(f"{args.examples}/train.tsv", TREC)
    if set(pool) & (set(train) | set(valid)):  # the run's splits must be this dataset's
        raise SystemExit("the pool overlaps the run's train or valid split: another dataset entry?")
    print(f"teacher {args.teacher}; pool {len(pool)} questions; SIM on valid ({len(valid)} questions)")
    table = []
    for row in map(parse_row, args.rows):
        sims, fits, seconds = [], [], []
        for seed in range(args.students):
            settings = student_settings({"budget": args.budget, "epochs": args.epochs, "pooling": args.pooling,
                                         "student_layers": args.layers, "beta": row[1], "seed": seed,
                                         "max_length": 48, "lr": args.lr})
            start = time.perf_counter()
            explainer = teacher_explainer(row[0], None, args.teacher, settings)
            agrees, fit = student_agreements(args.teacher, OFFLINE_MINILM, pool, valid, explainer, settings)
            seconds.append(time.perf_counter() - start)
            sims.append(sum(agrees) / len(agrees))
            fits.append(fit["learned"])
            print(f"{row[0]} β={row[1]:g} seed {seed}: SIM {sims[-1]:.4f} ({seconds[-1]:.0f} s); on its budget "
                  f"{fit['train_agreement']:.3f} (commonest label {fit['majority_share']:.3f}, "
                  f"{'learned' if fit['learned'] else 'DID NOT LEARN'}); loss per epoch "
                  f"{' '.join(f'{loss:.3f}' for loss in fit['train_loss'])}", flush=True)
        table.append((row, sims, fits, statistics.mean(seconds)))
    print("\nsetting\tbeta\tSIM per student\tmean SIM\tsd\tlearned\ts per student")
    for (setting, beta), sims, fits, seconds in table:
        spread = statistics.stdev(sims) if len(sims) > 1 else float("nan")
        print(f"{setting}\t{beta:g}\t{' '.join(f'{s:.4f}' for s in sims)}\t{statistics.mean(sims):.4f}\t"
              f"{spread:.4f}\t{sum(fits)}/{len(fits)}\t{seconds:.0f}")


if __name__ == "__main__":
    main()
