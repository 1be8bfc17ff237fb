"""The noise curve (paper Fig. 3): BLEU of the iteration-1 fine-tune against the share r of
attention words replaced by random source words, mean ± sd over seeds."""

from ielearn.aggregate import mean_sd
from ielearn.inference.tables import write_tsv
from ielearn.nmt.report.plots import plot_noise_curve
from ielearn.nmt.summary import read_score

COLUMNS = ["rate", "seeds", "valid_mean", "valid_sd", "test_mean", "test_sd"]


def noise_curve_rows(points):
    """points: [(seed, r %, valid bleu path, test bleu path)] → one row per r, sorted by r."""
    by_rate = {}
    for _seed, rate, valid, test in points:
        by_rate.setdefault(rate, []).append((read_score(valid), read_score(test)))
    rows = []
    for rate in sorted(by_rate):
        scores = by_rate[rate]
        valid_mean, valid_sd = mean_sd(v for v, _ in scores)
        test_mean, test_sd = mean_sd(t for _, t in scores)
        rows.append({"rate": rate, "seeds": len(scores), "valid_mean": valid_mean,
                     "valid_sd": valid_sd, "test_mean": test_mean, "test_sd": test_sd})
    return rows


def write_noise_curve(points, baseline_paths, table_path, plot_path, title):
    rows = noise_curve_rows(points)
    write_tsv(table_path, COLUMNS, rows)
    baseline = mean_sd(read_score(path) for path in baseline_paths)
    plot_noise_curve(rows, baseline, plot_path, title)
    return rows
