"""Paired significance tests of BLEU with sacrebleu's own implementation (what
`sacrebleu REF -i BASE SYS --paired-bs` / `--paired-ar` prints), for many comparisons at once.

sacrebleu's p-values are two-sided: the chance of a BLEU difference at least this large, in
either direction, if the two systems were interchangeable. Its RNG seed is read from the
SACREBLEU_SEED environment variable (default 12345); it is set here for the duration of a test,
so the same seed gives the same p-value as the CLI.
"""

import os
from contextlib import contextmanager

from sacrebleu.metrics import BLEU
from sacrebleu.significance import PairedTest

from ielearn.io import atomic_write, read_lines

@contextmanager
def _sacrebleu_seed(seed):
    previous = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SACREBLEU_SEED"]
        else:
            os.environ["SACREBLEU_SEED"] = previous


def paired_test(reference, baseline, systems, test_type, samples, seed=12345):
    """Run one sacrebleu PairedTest: `systems` ({name: hypotheses}) against `baseline`
    (hypotheses). Returns ({name: (bleu, p_value)}, baseline bleu, signature string)."""
    named = [("__baseline__", baseline), *systems.items()]
    with _sacrebleu_seed(seed):
        test = PairedTest(named, {"BLEU": BLEU(tokenize="13a")}, [reference],
                          test_type=test_type, n_samples=samples)
        signatures, scores = test()
    results = scores["BLEU"]
    by_name = {name: (result.score, result.p_value)
               for name, result in zip(scores["System"][1:], results[1:])}
    return by_name, results[0].score, signatures["BLEU"].format()


def _check_lengths(reference, hypotheses):
    for path, lines in hypotheses.items():
        if len(lines) != len(reference):
            raise RuntimeError(f"{path} has {len(lines)} lines, the reference has {len(reference)}")


def compare_systems(reference_path, hypothesis_paths, comparisons, bootstrap_samples=1000,
                    ar_trials=1000, seed=12345):
    """Every (system, against) pair of `comparisons`, both tests.

    hypothesis_paths: {label: detokenized hypothesis file}; comparisons: [(label, against
    label)]. Returns one dict per comparison: system, against, bleu, against_bleu, p_bs, p_ar,
    and the two sacrebleu signatures.
    """
    reference = read_lines(reference_path)
    hypotheses = {label: read_lines(path) for label, path in hypothesis_paths.items()}
    _check_lengths(reference, {hypothesis_paths[k]: v for k, v in hypotheses.items()})
    by_against = {}
    for system, against in comparisons:
        by_against.setdefault(against, []).append(system)
    rows = []
    for against, systems in by_against.items():
        chosen = {label: hypotheses[label] for label in systems}
        tests = {kind: paired_test(reference, hypotheses[against], chosen, kind, samples, seed)
                 for kind, samples in (("bs", bootstrap_samples), ("ar", ar_trials))}
        for label in systems:
            rows.append({
                "system": label,
                "against": against,
                "bleu": tests["bs"][0][label][0],
                "against_bleu": tests["bs"][1],
                "p_bs": tests["bs"][0][label][1],
                "p_ar": tests["ar"][0][label][1],
                "signature_bs": tests["bs"][2],
                "signature_ar": tests["ar"][2],
            })
    return rows


SIGNIFICANCE_COLUMNS = ["system", "against", "bleu", "against_bleu", "p_bs", "p_ar",
                        "signature_bs", "signature_ar"]


def write_significance(reference_path, hypothesis_paths, comparisons, out_path,
                       bootstrap_samples=1000, ar_trials=1000, seed=12345):
    """compare_systems, written as a TSV (one row per comparison) and printed as it goes."""
    rows = compare_systems(reference_path, hypothesis_paths, comparisons, bootstrap_samples,
                           ar_trials, seed)
    with atomic_write(out_path) as out:
        out.write("\t".join(SIGNIFICANCE_COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(str(row[column]) for column in SIGNIFICANCE_COLUMNS) + "\n")
            print(f"{row['system']} vs {row['against']}: BLEU {row['bleu']:.2f} vs "
                  f"{row['against_bleu']:.2f}, p(bs) {row['p_bs']:.4f}, p(ar) {row['p_ar']:.4f}")
    return rows
