"""The classification experiment's report pages (for Snakemake's `--report`): the summary
table as HTML, and a plot of the test metric per system and iteration (mean ± sd
over seeds)."""

import math

from ielearn.design import CHAIN
from ielearn.io import atomic_write, read_tsv
from ielearn.html_page import table_html

P_VALUE_NOTE = (
    "valid_mean, test_mean: the headline metric × 100, mean over seeds (_sd: sample sd); "
    "delta_*: the headline test metric minus the other's, per seed, averaged over seeds; "
    "ci_*: its 95 % CI (seeds and test examples); p_*: the same procedure's p, "
    "Holm-corrected within its family (the primary question, or the exploratory rest; "
    "classification_comparisons.tsv has each comparison's family and answer). random, none: that control (a random "
    "word of the example, nothing appended) at the same iteration and fine-tuning budget; "
    "words that do not beat random significantly are not shown to carry more than any word "
    "would. updates_mean, epochs_mean, examples_mean, wordpieces_mean: what the training read, "
    "mean over seeds, every candidate of a learning-rate sweep counted "
    "(classification_compute.tsv has each seed's). Empty: no such comparison, or one seed (no test)."
)


def write_table_html(tsv_path, out_path, title):
    with atomic_write(out_path) as out:
        out.write(table_html(read_tsv(tsv_path), title, P_VALUE_NOTE))


def plot_series(rows):
    """{system: [(iteration, mean, sd)]} of the headline test metric; every system's line
    starts at the baseline (iteration 0), since each iteration k fine-tunes model k-1, except
    a system with its own iteration 0 (SCC, trained from the pretrained encoder) and the
    controls of its chain (none@scc starts at scc's iteration 0)."""
    points = {}
    for row in rows:
        sd = float(row["test_sd"]) if row["test_sd"] else math.nan
        points.setdefault(row["system"], []).append((int(row["iteration"]), float(row["test_mean"]), sd))
    baseline = points.pop("baseline", [])

    def start(system):
        chain = system.partition(CHAIN)[2]
        return [point for point in points.get(chain, []) if point[0] == 0] if chain else baseline

    return {system: sorted(series if any(k == 0 for k, _, _ in series) else start(system) + series)
            for system, series in points.items()} or {"baseline": baseline}


def plot_metric(tsv_path, out_path, title, metric):
    """PNG: the test headline metric per iteration and system, error bars = sd over seeds."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a cluster node or CI
    import matplotlib.pyplot as plt

    rows = read_tsv(tsv_path)
    figure, axes = plt.subplots(figsize=(6, 4), dpi=100)
    series = plot_series(rows)
    for index, (system, points) in enumerate(series.items()):
        shift = (index - (len(series) - 1) / 2) * 0.03  # keep overlapping error bars apart
        iterations, means, sds = zip(*points)
        axes.errorbar([k + shift for k in iterations], means,
                      yerr=[0 if math.isnan(s) else s for s in sds], marker="o", capsize=3, label=system)
    axes.set_xlabel("bootstrap iteration (0 = baseline)")
    axes.set_ylabel(f"test {metric} × 100 (mean ± sd over seeds)")
    axes.set_xticks(sorted({k for points in series.values() for k, _, _ in points}))
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    with atomic_write(out_path, mode="wb") as out:
        figure.savefig(out, format="png")
    plt.close(figure)


def write_report_summary(table_path, html_path, plot_path, experiment, metric):
    """The summary table as an HTML page and the plot of the test metric (the task's headline
    metric's name, which the table's test_mean holds) per iteration."""
    write_table_html(table_path, html_path, f"{experiment}: classification summary")
    plot_metric(table_path, plot_path, f"{experiment}: test {metric} by iteration", metric)
