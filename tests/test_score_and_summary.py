import json
import subprocess
import sys
from pathlib import Path

from ielearn.io import write_lines
from ielearn.nmt.score import write_bleu

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
