"""matplotlib figures of the report: BLEU per bootstrap iteration and the noise curve."""

import matplotlib

matplotlib.use("Agg")  # no display on cluster nodes

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ielearn.io import read_tsv  # noqa: E402


def _value(text):
    return float(text) if text else 0.0


def plot_iterations(table_path, out_path, title):
    """Test BLEU (mean ± sd over seeds) per iteration for each system; the iteration picked by
    validation is circled (the baseline too, in black, where a system kept it). Every system
    starts from the same baseline (iteration 0)."""
    baseline, *rows = read_tsv(table_path)  # the baseline's row first, named `baseline`
    figure, axes = plt.subplots(figsize=(6.4, 4.0))
    for system in dict.fromkeys(row["system"] for row in rows):
        points = [baseline, *(row for row in rows if row["system"] == system)]
        xs = [int(row["iteration"]) for row in points]
        ys = [_value(row["test_mean"]) for row in points]
        errors = [_value(row["test_sd"]) for row in points]
        line = axes.errorbar(xs, ys, yerr=errors, marker="o", capsize=3, label=system)
        picked = [row for row in points if row["picked_by_valid"] == "yes" and row["system"] == system]
        for row in picked:
            axes.plot(int(row["iteration"]), _value(row["test_mean"]), "o", markersize=14,
                      fillstyle="none", color=line[0].get_color())
    if baseline["picked_by_valid"] == "yes":
        axes.plot(0, _value(baseline["test_mean"]), "o", markersize=14, fillstyle="none", color="black")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("bootstrap iteration (0 = baseline)")
    axes.set_ylabel("test BLEU")
    axes.set_title(f"{title} (circled: picked by validation BLEU)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(out_path)
    plt.close(figure)


def plot_noise_curve(rows, baseline, out_path, title):
    """Test BLEU (mean ± sd) against the noise rate r, with the baseline as a band."""
    figure, axes = plt.subplots(figsize=(6.4, 4.0))
    xs = [row["rate"] for row in rows]
    axes.errorbar(xs, [row["test_mean"] for row in rows],
                  yerr=[0 if row["test_sd"] != row["test_sd"] else row["test_sd"] for row in rows],
                  marker="o", capsize=3, label="fine-tuned on noisy attention words")
    mean, sd = baseline
    axes.axhline(mean, color="grey", linestyle="--", label="baseline")
    if sd == sd:  # not nan: more than one seed
        axes.axhspan(mean - sd, mean + sd, color="grey", alpha=0.2)
    axes.set_xlabel("noise rate r (% of attention words replaced by random source words)")
    axes.set_ylabel("test BLEU (iteration 1)")
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    figure.savefig(out_path)
    plt.close(figure)
