"""The summary table as an HTML page (paper-style: one row per system and iteration)."""

import html

from ielearn.aggregate import format_mean_sd
from ielearn.io import atomic_write, read_tsv
from ielearn.report.page import html_page


def _number(text):
    return float(text) if text else float("nan")


def _bleu_cell(row, split):
    return format_mean_sd(_number(row[f"{split}_mean"]), _number(row[f"{split}_sd"]))


def _p_cell(row, against):
    bs, ar = row[f"p_{against}_bs"], row[f"p_{against}_ar"]
    return "" if not bs else f"{float(bs):.3g} / {float(ar):.3g}"


def summary_table_html(rows):
    header = ["system", "iteration", "seeds", "valid BLEU", "test BLEU",
              "p vs baseline (bs / ar)", "p vs random", "p vs none", "picked by valid"]
    lines = ["<table>", "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        cells = [row["system"], row["iteration"], row["seeds"], _bleu_cell(row, "valid"),
                 _bleu_cell(row, "test"), _p_cell(row, "baseline"), _p_cell(row, "random"),
                 _p_cell(row, "none"), "yes" if row["picked_by_valid"] else ""]
        css = ' class="picked"' if row["picked_by_valid"] else ""
        lines.append(f"<tr{css}>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def write_summary_html(experiment, table_path, verdict_path, out_path):
    rows = read_tsv(table_path)
    with open(verdict_path, encoding="utf-8") as handle:
        verdict = handle.read()
    body = (f"<h2>{html.escape(experiment)}: BLEU per system and bootstrap iteration</h2>\n"
            f"{summary_table_html(rows)}\n"
            "<p>BLEU: sacrebleu, mean ± sample sd over seeds. p: sacrebleu's two-sided paired "
            "bootstrap (bs) and approximate randomization (ar) per seed, pooled over seeds "
            "with Fisher's method; controls are compared at the same iteration.</p>\n"
            f"<h3>Verdict</h3>\n<pre>{html.escape(verdict)}</pre>")
    with atomic_write(out_path) as out:
        out.write(html_page(f"{experiment} summary", body))
    return rows
