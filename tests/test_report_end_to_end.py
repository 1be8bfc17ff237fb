"""The tiny run's report.html (Snakemake --report): every section is there, and what it shows
matches the TSV files (the HTML is parsed, not just found)."""

import base64
import csv
import html
import json
import re

import pytest

pytestmark = pytest.mark.e2e


def embedded(report_html, variable):
    """A JSON object the report page assigns to `var <variable> = {...};`."""
    match = re.search(rf"var {variable} = (\{{.*?\}});\n", report_html, re.S)
    assert match, f"report.html has no '{variable}'"
    return json.loads(match.group(1))


def read_tsv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def report(tiny_run):
    page = (tiny_run / "results/tiny/report.html").read_text()
    return {"categories": embedded(page, "categories"), "results": embedded(page, "results")}


def content(report, path):
    uri = report["results"][path]["data_uri"]
    return base64.b64decode(uri.split("base64,", 1)[1])


def test_every_section_is_in_the_report(report):
    categories = report["categories"]
    assert sorted(categories) == ["1. Summary", "2. Bootstrap iterations", "3. Noise curve", "4. Examples",
                                  "5. Provenance"]
    files = {path for category in categories.values() for paths in category.values() for path in paths}
    assert files == {
        "results/tiny/report/summary.html", "results/tiny/summary.tsv", "results/tiny/scores_per_seed.tsv",
        "results/tiny/compute.tsv", "results/tiny/faithfulness.tsv", "results/tiny/faithfulness_verdict.txt",
        "results/tiny/report/bleu_per_iteration.png", "results/tiny/report/noise_curve.png",
        "results/tiny/noise_curve.tsv", "results/tiny/report/examples.html",
        "results/tiny/report/provenance.html",
    }
    for plot in ("results/tiny/report/bleu_per_iteration.png", "results/tiny/report/noise_curve.png"):
        assert content(report, plot).startswith(b"\x89PNG")


def test_the_faithfulness_verdict_is_shown_as_written(report, tiny_run):
    shown = content(report, "results/tiny/faithfulness_verdict.txt").decode()
    assert shown == (tiny_run / "results/tiny/faithfulness_verdict.txt").read_text() and "\nAt iteration 1: " in shown


def test_summary_page_shows_the_table_with_seeds_and_p_values(report, tiny_run):
    page = content(report, "results/tiny/report/summary.html").decode()
    rows = read_tsv(tiny_run / "results/tiny/summary.tsv")
    cells = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)[1:]
    assert len(cells) == len(rows) == 5
    first = re.findall(r"<td>(.*?)</td>", cells[1])
    assert first[:3] == ["attention", "1", "2"]
    assert first[4] == f"{float(rows[1]['test_mean']):.2f} ± {float(rows[1]['test_sd']):.2f}"
    row = rows[1]
    assert first[5] == html.escape(f"{float(row['delta_baseline']):+.2f} {row['ci_baseline']}, p {float(row['p_baseline']):.3g}")
    assert "Holm-corrected" in page and "answer to the primary question" in page
    assert re.findall(r"<th>(.*?)</th>", page)[-4:] == ["updates", "epochs", "source tokens", "picked by valid"]
    assert first[-4] == f"{float(row['updates_mean']):.0f}"


def test_noise_curve_has_both_rates_over_both_seeds(tiny_run, report):
    rows = read_tsv(tiny_run / "results/tiny/noise_curve.tsv")
    assert [(row["rate"], row["seeds"]) for row in rows] == [("0", "2"), ("100", "2")]
    summary = read_tsv(tiny_run / "results/tiny/summary.tsv")
    # r = 0 is the experiment's own iteration 1, not a second fine-tune
    assert float(rows[0]["test_mean"]) == pytest.approx(float(summary[1]["test_mean"]), abs=0.01)
    assert not (tiny_run / "results/tiny/noise_0").exists()
    # r = 100 % is the random control's iteration 1, not a third fine-tune
    assert not (tiny_run / "results/tiny/seed_2/noise_100").exists()
    per_seed = read_tsv(tiny_run / "results/tiny/scores_per_seed.tsv")
    random_1 = [float(row["test_bleu"]) for row in per_seed
                if (row["system"], row["iteration"]) == ("random", "1")]
    assert float(rows[1]["test_mean"]) == pytest.approx(sum(random_1) / len(random_1), abs=0.01)
    assert content(report, "results/tiny/noise_curve.tsv").decode().splitlines()[0].startswith("rate\tseeds")


def test_examples_show_attended_words_and_both_hypotheses(report, tiny_run):
    page = content(report, "results/tiny/report/examples.html").decode()
    assert page.count("<h3>test sentence") == 3
    assert "<mark>" in page
    baseline = (tiny_run / "results/tiny/iter_0/decode/test.txt").read_text().splitlines()
    shown = re.findall(r"<tr><td>baseline</td><td>(.*?)</td></tr>", page)
    assert len(shown) == 3
    assert all(html.unescape(line) in baseline for line in shown)


def test_provenance_page_shows_the_machine_and_build_of_every_score(report, tiny_run):
    import torch

    page = content(report, "results/tiny/report/provenance.html").decode()
    rows = read_tsv(tiny_run / "results/tiny/provenance.tsv")
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)[1:]]
    assert len(cells) == len(rows) == 10
    assert [html.unescape(cell) for cell in cells[0]] == list(rows[0].values())
    assert rows[0]["torch"] == torch.__version__
    assert rows[0]["cpu_capability"] == torch.backends.cpu.get_cpu_capability()
    assert "All results come from one machine and build; 0 of 10 involve a resumed training" in page
