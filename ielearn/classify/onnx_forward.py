"""A classifier's forward pass on ONNX Runtime: export once per job, fp32 or int8.

The export lives in a temporary directory of the job and is gone when the session is built
(ONNX Runtime reads the model into memory): the model folders are other rules' finished
outputs, which a later job must not write into (and may not be able to: a run's models can be
read-only), and parallel shards would need a lock to share one copy. Export and session cost
a few seconds on MiniLM (4.4 s fp32, 8.3 s int8 at load average 11 on 2 cores; 2 s for the
tests' tiny model), against minutes of LIME or SHAP per shard (bench/inference_backend.py
prints both). A killed job leaves at most an unfinished temporary directory, never a file any
stage reads.

The exporter is torch's TorchScript-based one (`dynamo=False`, deprecated since torch 2.9 but
present in the pinned 2.13): 1.2 s for MiniLM where the torch.export-based default took 7.8 s
(and needs the onnxscript package), for the same probabilities. The model is traced once on
a two-text input, batch and sequence length dynamic; ONNX Runtime applies its own graph
fusions when the session is built.
"""

import logging
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

from ielearn.classify.model import encode

log = logging.getLogger(__name__)
SAMPLE = (["a short text", "another, longer sample text"], ["and its pair", "here"])  # what is traced


class Logits(torch.nn.Module):
    """The classifier with its inputs in a fixed order and its logits as the only output."""

    def __init__(self, model, names):
        super().__init__()
        self.model, self.names = model, names

    def forward(self, *tensors):
        return self.model(**dict(zip(self.names, tensors))).logits


def export(model, tokenizer, path):
    """Write the model's logits graph to `path` (.onnx), batch and length dynamic. Traced on
    a text pair, so that the graph reads token_type_ids whatever the task (a single text's
    are zeros, as torch reads them)."""
    inputs = encode(tokenizer, *SAMPLE, device=model.device)
    names = list(inputs.keys())
    # eval() on the wrapper: the exporter restores the wrapper's training flag afterwards,
    # and a fresh Module's is True, which would switch dropout on in the model it wraps
    wrapper = Logits(model, names).eval()
    axes = {name: {0: "batch", 1: "length"} for name in names} | {"logits": {0: "batch"}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer notes
        torch.onnx.export(wrapper, tuple(inputs[name] for name in names), str(path), dynamo=False,
                          input_names=names, output_names=["logits"], dynamic_axes=axes)


def quantized(path):
    """The int8 model beside `path`: every MatMul/Gemm with constant weights quantised per
    output channel, activations quantised on the fly (ONNX Runtime's dynamic quantisation).
    The quantiser logs a hint to pre-process the model first (quant_pre_process); on this
    export that step fails ("Incomplete symbolic shape inference"), and the model is quantised
    as exported."""
    out = Path(path).with_suffix(".int8.onnx")
    quantize_dynamic(str(path), str(out), per_channel=True, weight_type=QuantType.QInt8)
    return out


def session(path):
    """An ONNX Runtime CPU session with as many threads as torch was given (one per job)."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared machines
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def onnx_forward(model, tokenizer, int8=False):
    """encoded inputs (torch tensors, the Predictor's) → logits (a CPU torch tensor), computed
    by ONNX Runtime from an export of `model`."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ielearn-onnx-") as directory:
        path = Path(directory) / "model.onnx"
        export(model, tokenizer, path)
        runner = session(quantized(path) if int8 else path)
    log.info("forward passes on ONNX Runtime (%s), exported in %.1f s", "int8" if int8 else "fp32",
             time.perf_counter() - start)
    wanted = [node.name for node in runner.get_inputs()]  # the exporter drops inputs it never read

    def forward(inputs):
        feed = {name: np.ascontiguousarray(inputs[name].cpu().numpy()) for name in wanted}
        return torch.from_numpy(runner.run(["logits"], feed)[0])
    return forward
