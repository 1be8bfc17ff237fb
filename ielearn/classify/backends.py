"""Inference backends of the perturbation explainers (LIME, SHAP) and the quality measures.

The config key `inference_backend` of a classification experiment picks what runs the
model's forward passes when LIME and SHAP explain it and when its words' quality is measured:
- `torch`: the transformers model itself;
- `onnxruntime` (the default): the same model exported to ONNX (torch.onnx.export), run by
  ONNX Runtime's CPU engine in fp32;
- `onnxruntime_int8`: that export with its weights quantised to int8 by ONNX Runtime's dynamic
  quantisation (onnxruntime.quantization.quantize_dynamic, per channel; activations are
  quantised on the fly).
Every backend returns the logits of the same encoded inputs, and the Predictor turns them
into probabilities as before (ielearn/classify/model.py), so the explainers and measures are
unchanged. Measured speed and agreement: docs/measurements.md, "Inference backends"
(onnxruntime: the same top words as torch on all 200 trec questions, LIME and SHAP, and
1.1-1.2x faster, hence the default; int8: about 3x faster, and the words of 4 % (LIME) and
6 % (SHAP) of 500 questions change).

Scoring (accuracy) and the attention and SCC explainers always run the torch model: a score
is the model's own, and attention is read from inside it. ONNX Runtime runs on the CPU: a
model on a GPU keeps torch (far faster there than any CPU engine).

This module imports neither torch nor onnxruntime (the config check calls it).
"""

import logging
from importlib.util import find_spec

from ielearn.errors import UserError

TORCH, DEFAULT = "torch", "onnxruntime"
BACKENDS = (TORCH, DEFAULT, "onnxruntime_int8")  # as schemas/config.schema.yaml's enum and default
KEY = "inference_backend"
PACKAGES = ("onnxruntime", "onnx")  # the engine, and the format its exporter and quantiser write
INSTALL = "pip install onnxruntime==1.32.0 onnx==1.23.2"  # the pins of pyproject.toml

log = logging.getLogger(__name__)


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


def backend_predictor(model, tokenizer, batch_size, max_length, backend=DEFAULT, where=KEY):
    """A Predictor (ielearn/classify/model.py) whose forward passes `backend` runs (torch
    where the model is on a GPU)."""
    from ielearn.classify.model import Predictor, on_cuda

    check_installed(backend, where)
    if backend != TORCH and on_cuda(model):
        log.info("%s: %s runs on the CPU; the model is on a GPU, where torch runs it", where, backend)
        backend = TORCH
    if backend == TORCH:
        return Predictor(model, tokenizer, batch_size, max_length)
    from ielearn.classify.onnx_forward import onnx_forward

    forward = onnx_forward(model, tokenizer, int8=backend.endswith("_int8"))
    return Predictor(model, tokenizer, batch_size, max_length, forward=forward)


def backend_settings(experiment, applies=True):
    """{KEY: backend} for a stage's parameters: empty where the backend is the default or the
    stage does not run it. Snakemake reruns a job whose parameters change: choosing another
    backend reruns only the stages it changes, and runs made before the key existed (torch,
    the same words and curves as the default's fp32) keep their parameters."""
    backend = experiment.get(KEY, DEFAULT)
    return {KEY: backend} if applies and backend != DEFAULT else {}


def settings_backend(settings):
    """The backend a stage's settings name (absent: the default, see backend_settings)."""
    return settings.get(KEY, DEFAULT)
