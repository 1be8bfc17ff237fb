"""Text-only stages pay no torch/fairseq start-up: every adapter outside the model stages
imports neither (nor transformers), checked in a fresh interpreter, adapter by adapter.

Stages that load the classifier's tokenizer (classify_enrich here; cls_random_words loads it
inside its library function, which this check of import lines does not see) get torch with
transformers 5's tokenizer classes."""

import subprocess
import sys

from conftest import REPO

MODEL_STAGES = {"train.py", "decode.py", "classify_train.py", "classify_extract.py", "classify_score.py",
                "classify_enrich.py"}
HEAVY = ("torch", "fairseq", "transformers")


def adapter_imports(script):
    return [line for line in script.read_text().splitlines() if line.startswith(("import ", "from "))]


def test_text_only_adapters_import_neither_torch_nor_fairseq():
    scripts = sorted(p for p in (REPO / "workflow_scripts").glob("*.py") if p.name not in MODEL_STAGES)
    assert len(scripts) >= 20
    checks = [f"{line}\nheavy = sorted(set({HEAVY!r}) & set(sys.modules))\n"
              f"if heavy: print({script.name!r}, heavy)"
              for script in scripts for line in adapter_imports(script)]
    run = subprocess.run([sys.executable, "-c", "import sys\n" + "\n".join(checks)],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout == ""  # each line printed names an adapter and what it pulled in


def test_the_check_sees_a_model_stage_import_torch():
    """The same check on a model stage does see torch, so the test above can fail."""
    lines = "\n".join(adapter_imports(REPO / "workflow_scripts/classify_score.py"))
    code = f"import sys\n{lines}\nprint('torch' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert run.stdout.strip() == "True"
