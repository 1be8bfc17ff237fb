"""SMaT's learned head coefficients, saved beside the teacher they explain
(`<teacher model dir>/smat_explainer.json`: {"layers", "heads", "coefficients"}), where the
ranker (smat_words.py) finds them from the model directory it is given."""

import json
from pathlib import Path

from ielearn.errors import UserError
from ielearn.io import atomic_write

LEARNED_FILE = "smat_explainer.json"


def learned_path(model_dir):
    return Path(model_dir) / LEARNED_FILE


def save_learned(model_dir, coefficients, layers, heads):
    """Write φ_T (one coefficient per head, layer-major) beside the teacher."""
    values = [float(c) for c in coefficients]
    if len(values) != layers * heads:
        raise ValueError(f"{len(values)} coefficients for {layers} layers of {heads} heads")
    with atomic_write(learned_path(model_dir)) as handle:
        handle.write(json.dumps({"layers": layers, "heads": heads, "coefficients": values}) + "\n")


def load_learned(model_dir, layers, heads):
    """φ_T of the teacher in `model_dir` (a list of floats); a clear error if SMaT has not run
    or learned it for another architecture."""
    path = learned_path(model_dir)
    if not path.is_file():
        raise UserError(f"{path}: no learned explainer; run SMaT on this teacher first "
                        "(ielearn.classify.simulability.smat.learn_explainer, then save_learned)")
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        coefficients = [float(c) for c in saved["coefficients"]]
        shape = (int(saved["layers"]), int(saved["heads"]))
    except (ValueError, KeyError, TypeError) as error:
        raise UserError(f"{path}: not a learned explainer ({error}); run SMaT on this teacher again") from None
    if shape != (layers, heads) or len(coefficients) != layers * heads:
        raise UserError(f"{path}: learned for {shape[0]} layers of {shape[1]} heads, but the model has {layers} "
                        f"of {heads}; run SMaT on this teacher again")
    return coefficients
