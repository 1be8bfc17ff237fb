"""SMaT's learned head coefficients in one JSON file ({"layers", "heads", "coefficients"}): the
rule that learns them writes `<seed's folder><smat's directory>learned/explainer.json` (never
into the teacher's model directory), and the ranker (smat_words.py) reads the file its
extraction settings name (`learned`)."""

import json
from pathlib import Path

from ielearn.errors import UserError
from ielearn.io import atomic_write


def save_learned(path, coefficients, layers, heads):
    """Write φ_T (one coefficient per head, layer-major) to `path`."""
    values = [float(c) for c in coefficients]
    if len(values) != layers * heads:
        raise ValueError(f"{len(values)} coefficients for {layers} layers of {heads} heads")
    with atomic_write(path) as handle:
        handle.write(json.dumps({"layers": layers, "heads": heads, "coefficients": values}) + "\n")


def load_learned(path, layers, heads):
    """φ_T in `path` (a list of floats); a clear error if SMaT has not written it or learned it
    for another architecture."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no learned explainer; run SMaT on this teacher first "
                        "(the cls_learn_explainer rule, or learn_explainer then save_learned)")
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
