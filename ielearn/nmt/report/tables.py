"""The summary table as an HTML page (paper-style: one row per system and iteration)."""

import html

from ielearn.aggregate import format_mean_sd
from ielearn.io import atomic_write, read_tsv
from ielearn.html_page import html_page
from ielearn.summary import AGAINST


def _number(text):
    return float(text) if text else float("nan")


def _bleu_cell(row, split):
    return format_mean_sd(_number(row[f"{split}_mean"]), _number(row[f"{split}_sd"]))


def _comparison_cell(row, against):
    """'-2.19 [-3.05, -1.33], p 0.012': mean Δ over seeds, its 95 % CI, the Holm-corrected p."""
    delta, p = row[f"delta_{against}"], row[f"p_{against}"]
    if not delta:
        return ""
    return f"{float(delta):+.2f} {row[f'ci_{against}']}, p {float(p):.3g}" if p else f"{float(delta):+.2f} (no test)"


# the compute columns (mean over seeds) and their headings; summaries without them show none
COMPUTE = {"updates_mean": "updates", "epochs_mean": "epochs", "source_tokens_mean": "source tokens"}


def _compute_cell(row, column):
    value = row.get(column, "")
    return "" if not value else f"{float(value):.1f}" if column == "epochs_mean" else f"{float(value):.0f}"


def summary_table_html(rows):
    compute = [column for column in COMPUTE if column in rows[0]]
    header = ["system", "iteration", "seeds", "valid BLEU", "test BLEU",
              *[f"Δ vs {against}" for against in AGAINST], *[COMPUTE[c] for c in compute], "picked by valid"]
    lines = ["<table>", "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        cells = [row["system"], row["iteration"], row["seeds"], _bleu_cell(row, "valid"),
                 _bleu_cell(row, "test"), *[_comparison_cell(row, against) for against in AGAINST],
                 *[_compute_cell(row, c) for c in compute],
                 row["picked_by_valid"]]
        css = ' class="picked"' if row["picked_by_valid"] == "yes" else ""
        lines.append(f"<tr{css}>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def write_summary_html(experiment, table_path, verdict_path, out_path):
    rows = read_tsv(table_path)
    with open(verdict_path, encoding="utf-8") as handle:
        verdict = handle.read()
    body = (f"<h2>{html.escape(experiment)}: BLEU per system and bootstrap iteration</h2>\n"
            f"{summary_table_html(rows)}\n"
            "<p>BLEU: sacrebleu, mean ± sample sd over seeds. Δ: the system's test BLEU minus the "
            "other's, per seed, averaged over seeds, with its 95 % CI (seeds and test sentences); "
            "p: the same procedure's p, Holm-corrected within its family (the primary question, or the "
            "exploratory rest; comparisons.tsv has each comparison's family and answer). Controls are compared at the same iteration here; the verdict also "
            "compares each at its own validation pick. updates, epochs, source tokens: what the "
            "training read, mean over seeds (every candidate of a learning-rate sweep counted; "
            "compute.tsv has each seed's).</p>\n"
            f"<h3>Verdict</h3>\n<pre>{html.escape(verdict)}</pre>")
    with atomic_write(out_path) as out:
        out.write(html_page(f"{experiment} summary", body))
    return rows
