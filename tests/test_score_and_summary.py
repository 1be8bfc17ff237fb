import json
import subprocess
import sys
from pathlib import Path

from ielearn.io import write_lines
from ielearn.nmt.score import write_bleu
from ielearn.summary import summary_rows, verdict, write_summary

HYPS = ["The cat sat on the mat.", "A dog barked loudly!", "Nothing here matches"]
REFS = ["The cat sat on a mat.", "The dog barked loudly!", "Something else entirely."]


def test_bleu_json_equals_sacrebleu_cli(tmp_path):
    write_lines(tmp_path / "hyp", HYPS)
    write_lines(tmp_path / "ref", REFS)
    write_bleu(tmp_path / "hyp", tmp_path / "ref", tmp_path / "out.bleu")
    ours = json.loads((tmp_path / "out.bleu").read_text())
    cli = Path(sys.executable).parent / "sacrebleu"
    result = subprocess.run(
        [str(cli), str(tmp_path / "ref"), "-i", str(tmp_path / "hyp"), "-m", "bleu", "-tok", "13a", "-w", "2", "-f", "json"],
        capture_output=True, text=True, check=True,
    )
    reference = json.loads(result.stdout)
    assert ours["score"] == reference["score"]
    assert ours["signature"] == reference["signature"]
    assert ours["verbose_score"] == reference["verbose_score"]


def score_file(path, score):
    path.write_text(json.dumps({"name": "BLEU", "score": score}))
    return path


def test_summary_marks_best_validation_iteration(tmp_path):
    runs = []
    for system, k, valid, test in [("attention", 0, 20.0, 21.0), ("attention", 1, 25.0, 22.0),
                                   ("attention", 2, 25.0, 30.0), ("random", 1, 24.0, 23.0)]:
        runs.append((system, k, score_file(tmp_path / f"{system}{k}v", valid),
                     score_file(tmp_path / f"{system}{k}t", test)))
    write_summary(runs, tmp_path / "summary.tsv", tmp_path / "verdict.txt")
    lines = [line.split("\t") for line in (tmp_path / "summary.tsv").read_text().splitlines()]
    assert lines[0] == ["system", "iteration", "valid_bleu", "test_bleu", "picked_by_valid"]
    picked = [(row[0], row[1]) for row in lines[1:] if row[4] == "*"]
    # a tie on validation goes to the earlier iteration, never to the better test score
    assert picked == [("attention", "1"), ("random", "1")]


def make_rows(directory):
    """Rows from (system, iteration, valid, test) tuples, picked as the pipeline picks."""
    def rows(table):
        runs = [(system, k, score_file(directory / f"{i}v", valid), score_file(directory / f"{i}t", test))
                for i, (system, k, valid, test) in enumerate(table)]
        return summary_rows(runs)

    return rows


def test_verdict_says_when_attention_words_do_not_help(tmp_path):
    rows_for = make_rows(tmp_path)
    # the pilot's pattern: attention words beat the baseline, random words and plain
    # continued training beat attention words
    text = verdict(rows_for([("attention", 0, 18.0, 18.6), ("attention", 1, 21.0, 21.3),
                             ("random", 1, 24.0, 24.7), ("none", 1, 24.5, 24.8)]))
    assert "attention, iteration 1 (picked by validation BLEU): test BLEU 21.30 (+2.70 vs baseline)" in text
    assert "not the none, random control(s)" in text
    text = verdict(rows_for([("attention", 0, 30.0, 30.0), ("attention", 1, 29.0, 31.0)]))
    assert "validation picks the baseline" in text
    text = verdict(rows_for([("attention", 0, 30.0, 30.0), ("attention", 1, 31.0, 29.0)]))
    assert "did NOT improve test BLEU" in text
    text = verdict(rows_for([("attention", 0, 30.0, 30.0), ("attention", 1, 31.0, 32.0),
                             ("random", 1, 30.5, 30.5), ("none", 1, 30.2, 30.1)]))
    assert "beat the baseline and every control run" in text
