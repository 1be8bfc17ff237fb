"""The classification report pages: the summary as an HTML table, the PNG plot."""

from html.parser import HTMLParser

import matplotlib.image

from ielearn.classify.report import plot_series, write_report_summary
from ielearn.io import read_tsv

HEADER = ["system", "iteration", "seeds", "valid_mean", "valid_sd", "test_mean", "test_sd", "picked_by_valid",
          "p_baseline", "p_none"]
ROWS = [
    ["baseline", "0", "2", "50.00", "1.00", "75.00", "2.00", "yes", "", ""],
    ["attention", "1", "2", "60.00", "1.00", "88.00", "1.50", "yes", "0.0010", "0.4000"],
    ["attention", "2", "2", "58.00", "1.00", "87.00", "1.00", "no", "0.0010", "0.6000"],
    ["none", "1", "2", "59.00", "3.00", "87.50", "", "yes", "0.0010", "< & >"],
]


class TableCells(HTMLParser):
    """Rows of <td>/<th> text, and whether each <tr> is bold."""

    def __init__(self):
        super().__init__()
        self.rows, self.bold, self.cell = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
            self.bold.append(dict(attrs).get("class") == "picked")  # the page's CSS makes it bold
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.cell = None


def write_table(path):
    path.write_text("\n".join("\t".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def test_summary_page_and_plot_are_written(tmp_path):
    table = write_table(tmp_path / "classification.tsv")
    html, plot = tmp_path / "report" / "summary.html", tmp_path / "report" / "test_metric.png"
    write_report_summary(table, html, plot, "toy", "accuracy")

    parser = TableCells()
    parser.feed(html.read_text(encoding="utf-8"))
    assert parser.rows == [HEADER, *ROWS]  # text escaped and read back intact
    assert parser.bold == [False, True, True, False, True]  # the picked iterations
    image = matplotlib.image.imread(plot)
    assert image.shape[0] > 100 and image.shape[1] > 100


def test_each_line_starts_at_the_baseline_with_sd_error_bars(tmp_path):
    series = plot_series(read_tsv(write_table(tmp_path / "t.tsv")))
    assert series["attention"] == [(0, 75.0, 2.0), (1, 88.0, 1.5), (2, 87.0, 1.0)]
    assert series["none"][1][:2] == (1, 87.5) and series["none"][1][2] != series["none"][1][2]  # no sd → nan
    assert "baseline" not in series
