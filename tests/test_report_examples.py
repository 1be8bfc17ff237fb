"""The report's example sentences: attended tokens come from x' and its origins."""

from ielearn.io import write_lines
from ielearn.nmt.report.examples import attended_positions, example_records, highlight, pick_examples


def test_attended_positions_skip_the_separator():
    source = ["le", "chat", "noir"]
    enriched = ["le", "chat", "noir", "<sep>", "chat", "le"]
    assert attended_positions(source, enriched, ["0", "1", "2", "2", "1", "0"]) == [1, 0]


def test_highlight_marks_and_escapes():
    assert highlight(["a<b", "c"], [0]) == "<mark>a&lt;b</mark> c"
    # the Moses tokenizer's escapes are shown as the characters they stand for
    assert highlight(["c&apos;", "est"], [1]) == "c&#x27; <mark>est</mark>"


def test_sentences_whose_hypotheses_differ_come_first():
    assert pick_examples(["x", "y", "z"], ["x", "Y", "z"], 2) == [1, 0]


def test_records_join_the_files_line_by_line(tmp_path):
    files = {}
    for name, lines in {"bpe_source": ["a b c", "d e"], "enriched": ["a b c c", "d e d"],
                        "origin": ["0 1 2 2", "0 1 0"], "reference": ["A B C", "D E"],
                        "baseline": ["A B", "D E"], "hypothesis": ["A B C", "D E"]}.items():
        files[name] = tmp_path / name
        write_lines(files[name], lines)
    records = example_records(files, 1)
    assert records[0]["index"] == 0 and records[0]["words"] == ["c"] and records[0]["positions"] == [2]
