"""Inference backends of the perturbation explainers (LIME, SHAP) and the quality measures.

The config key `inference_backend` of a classification experiment picks what runs the
model's forward passes when LIME and SHAP explain it and when its words' quality is measured:
- `torch` (the default): the transformers model itself;
- `onnxruntime`: the same model exported to ONNX (torch.onnx.export), run by ONNX Runtime's
  CPU engine in fp32;
- `onnxruntime_int8`: that export with its weights quantised to int8 by ONNX Runtime's dynamic
  quantisation (onnxruntime.quantization.quantize_dynamic, per channel; activations are
  quantised on the fly).
Every backend returns the logits of the same encoded inputs, and the Predictor turns them
into probabilities as before (ielearn/classify/model.py), so the explainers and measures are
unchanged. Measured speed and agreement: docs/measurements.md, "Inference backends".

Scoring (accuracy) and the attention and SCC explainers always run the torch model: a score
is the model's own, and attention is read from inside it.

This module imports neither torch nor onnxruntime (the config check calls it).
"""

from importlib.util import find_spec

from ielearn.errors import UserError

TORCH = "torch"
BACKENDS = (TORCH, "onnxruntime", "onnxruntime_int8")  # as schemas/config.schema.yaml's enum
KEY = "inference_backend"
PACKAGES = ("onnxruntime", "onnx")  # the engine, and the format its exporter and quantiser write
INSTALL = "pip install onnxruntime==1.32.0 onnx==1.23.2"  # the pins of pyproject.toml


def check_installed(backend, where=KEY):
    """UserError naming `where` (the key) and the install command when `backend` needs
    packages this environment lacks."""
    if backend == TORCH:
        return
    if backend not in BACKENDS:
        raise UserError(f"{where}: unknown inference backend '{backend}' (known: {', '.join(BACKENDS)})")
    missing = [name for name in PACKAGES if find_spec(name) is None]
    if missing:
        raise UserError(f"{where}: {backend} needs the package(s) {', '.join(missing)}, which this "
                        f"environment lacks: {INSTALL} (or `make install`), or set {KEY}: {TORCH}")


def backend_predictor(model, tokenizer, batch_size, max_length, backend=TORCH, where=KEY):
    """A Predictor (ielearn/classify/model.py) whose forward passes `backend` runs."""
    from ielearn.classify.model import Predictor

    check_installed(backend, where)
    if backend == TORCH:
        return Predictor(model, tokenizer, batch_size, max_length)
    from ielearn.classify.onnx_forward import onnx_forward

    forward = onnx_forward(model, tokenizer, int8=backend.endswith("_int8"))
    return Predictor(model, tokenizer, batch_size, max_length, forward=forward)


def backend_settings(experiment, applies=True):
    """{KEY: backend} for a stage's parameters: empty where the backend is torch or the stage
    does not run it, so that turning it on reruns only the stages it changes (Snakemake reruns
    a job whose parameters change) and runs made before the key existed keep theirs."""
    backend = experiment.get(KEY, TORCH)
    return {KEY: backend} if applies and backend != TORCH else {}


def settings_backend(settings):
    """The backend a stage's settings name (absent: torch, see backend_settings)."""
    return settings.get(KEY, TORCH)
