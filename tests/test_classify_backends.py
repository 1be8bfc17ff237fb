"""Inference backends of LIME, SHAP and the quality measures (ielearn/classify/backends.py):
ONNX Runtime's fp32 probabilities equal torch's, int8 is really int8 and close, the extraction
and quality stages run the backend their settings name, and a missing package is one clear
error naming the key and the install command."""

import copy
import os
import tomllib

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")  # as ielearn's shap_words does (see there)

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from conftest import REPO, TINY_CONFIG  # noqa: E402
from ielearn.classify import backends, onnx_forward  # noqa: E402
from ielearn.classify.datasets.synthetic import synthetic_examples  # noqa: E402
from ielearn.classify.examples import Example, write_examples  # noqa: E402
from ielearn.classify.explain.lime_words import lime_word  # noqa: E402
from ielearn.classify.explain.ranking import read_rankings  # noqa: E402
from ielearn.classify.extract import extract_shard  # noqa: E402
from ielearn.classify.model import Predictor, load_classifier, load_tokenizer  # noqa: E402
from ielearn.classify.quality import write_quality  # noqa: E402
from ielearn.classify.tasks import SYNTHETIC  # noqa: E402
from ielearn.config import validate_config  # noqa: E402
from ielearn.errors import UserError  # noqa: E402
from ielearn.io import read_lines  # noqa: E402
from tiny_bert import make_tiny_bert  # noqa: E402

torch.set_num_threads(1)
TEXTS = ["a good movie . very superb", "bad", "the plot was dull and slow", "great acting , bad film ?"]
PAIRS = ["a", "b ?", "superb", "the film"]
SETTINGS = {"batch_size": 4, "max_length": 16, "seed": 5,
            "lime": {"num_samples": 60, "batch_size": 16, "examples_at_once": 2}}


def decisive_bert(directory, num_labels=2):
    """The tiny BERT with weights large enough that its outputs depend on the text (a fresh
    one's are all about 0.5, which any backend would match)."""
    make_tiny_bert(directory, num_labels)
    model = load_classifier(directory)
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "LayerNorm" not in name:  # layer norms stay the identity
                parameter.normal_(0, 1, generator=generator)
    model.save_pretrained(directory)
    return directory


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return decisive_bert(tmp_path_factory.mktemp("decisive_bert"))


def loaded(directory):
    return load_classifier(directory), load_tokenizer(directory)


@pytest.mark.parametrize("num_labels", [2, 1])  # a classifier's probabilities, a regression's score
def test_onnxruntime_gives_torchs_outputs(tmp_path, num_labels):
    model, tokenizer = loaded(decisive_bert(tmp_path / "model", num_labels))
    for texts_b in (None, PAIRS):
        torch_outputs = Predictor(model, tokenizer, 3, 16)(TEXTS, texts_b)
        outputs = backends.backend_predictor(model, tokenizer, 3, 16, "onnxruntime")(TEXTS, texts_b)
        assert outputs.shape == torch_outputs.shape == (len(TEXTS), num_labels)
        assert np.ptp(torch_outputs[:, 0]) > 0.01  # outputs differ by text 1,000 times the tolerance
        np.testing.assert_allclose(outputs, torch_outputs, atol=1e-5)
    assert not model.training  # the export leaves the model as it found it (dropout off)


def test_int8_is_quantised_and_close(model_dir, tmp_path, record_property):
    model, tokenizer = loaded(model_dir)
    path = tmp_path / "model.onnx"
    onnx_forward.export(model, tokenizer, path)
    graph = onnx.load(onnx_forward.quantized(path)).graph
    operators = {node.op_type for node in graph.node}
    assert {"DynamicQuantizeLinear", "MatMulInteger"} & operators or "DynamicQuantizeMatMul" in operators
    assert any(tensor.data_type == onnx.TensorProto.INT8 for tensor in graph.initializer)

    fp32 = Predictor(model, tokenizer, 4, 16)
    int8 = backends.backend_predictor(model, tokenizer, 4, 16, "onnxruntime_int8")
    assert 0 < np.abs(int8(TEXTS) - fp32(TEXTS)).max() < 0.1
    np.testing.assert_allclose(int8(TEXTS, PAIRS).sum(axis=1), 1, atol=1e-5)
    # top-word agreement with the fp32 explainer, reported (on MiniLM: bench/inference_backend.py)
    words = [[lime_word(predictor, Example(text, None, "x"), 60, seed=7) for text in TEXTS] for predictor in (fp32, int8)]
    agreement = float(np.mean([a == b for a, b in zip(*words)]))  # a plain float: xdist serialises properties
    record_property("int8_lime_top_word_agreement", agreement)
    print(f"int8 LIME top-word agreement with torch fp32 on {len(TEXTS)} texts: {agreement:.2f}")


def test_extraction_and_quality_run_the_backend_their_settings_name(model_dir, tmp_path, monkeypatch):
    exports = []
    real = onnx_forward.onnx_forward
    monkeypatch.setattr(onnx_forward, "onnx_forward", lambda *args, **kw: exports.append(kw) or real(*args, **kw))
    examples = tmp_path / "test.tsv"
    write_examples(examples, synthetic_examples(5, 3))
    outputs = {}
    for backend in ("torch", "onnxruntime"):
        settings = {**SETTINGS, backends.KEY: backend}
        words, rankings, scores = (tmp_path / f"{backend}.{ext}" for ext in ("txt", "rankings", "scores"))
        extract_shard(model_dir, examples, SYNTHETIC, "lime", settings, 0, 1, words, rankings, scores)
        quality = tmp_path / f"{backend}.quality.tsv"
        write_quality(model_dir, examples, rankings, SYNTHETIC, {"aopc": "words", "k": 2}, settings, quality)
        outputs[backend] = read_lines(words), read_rankings(rankings), np.loadtxt(quality, skiprows=1)
    assert exports == [{"int8": False}, {"int8": False}]  # one export for the shard, one for the quality job
    (torch_words, torch_rankings, torch_curves), (words, rankings, curves) = outputs.values()
    assert words == torch_words and rankings == torch_rankings
    np.testing.assert_allclose(curves, torch_curves, atol=1e-5)


def test_a_missing_package_is_one_error_naming_the_key_and_the_install_command(model_dir, monkeypatch):
    monkeypatch.setattr(backends, "find_spec", lambda name: None if name == "onnxruntime" else object())
    config = {**copy.deepcopy(TINY_CONFIG), "classification": {
        "datasets": {"toy": {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}}},
        "experiments": {"toy_cls": {"dataset": "toy", backends.KEY: "onnxruntime_int8"}}}}
    expected = (r"classification\.experiments\.toy_cls\.inference_backend: onnxruntime_int8 needs the "
                r"package\(s\) onnxruntime, .*pip install onnxruntime==1\.32\.0 onnx==1\.23\.2")
    with pytest.raises(UserError, match=expected):
        validate_config(config)
    with pytest.raises(UserError, match="inference_backend: onnxruntime needs .* onnxruntime, "):
        backends.backend_predictor(*loaded(model_dir), 4, 16, "onnxruntime")
    backends.backend_predictor(*loaded(model_dir), 4, 16, "torch")  # torch needs neither


def test_a_model_on_a_gpu_keeps_torch(model_dir, monkeypatch):
    monkeypatch.setattr("ielearn.classify.model.on_cuda", lambda model: True)
    monkeypatch.setattr(onnx_forward, "onnx_forward", lambda *args, **kw: pytest.fail("exported"))
    model, tokenizer = loaded(model_dir)
    predictor = backends.backend_predictor(model, tokenizer, 4, 16, "onnxruntime_int8")
    np.testing.assert_array_equal(predictor(TEXTS), Predictor(model, tokenizer, 4, 16)(TEXTS))


def test_the_schema_default_is_the_one_stages_assume_and_only_other_backends_are_parameters():
    schema = validate_config({**copy.deepcopy(TINY_CONFIG), "classification": {
        "datasets": {"toy": {"source": "synthetic", "sizes": {"train": 10, "valid": 5, "test": 5}}},
        "experiments": {"toy_cls": {"dataset": "toy"}}}})
    assert schema["classification"]["experiments"]["toy_cls"][backends.KEY] == backends.DEFAULT
    assert backends.settings_backend({}) == backends.DEFAULT
    assert backends.backend_settings({backends.KEY: backends.DEFAULT}) == {}
    assert backends.backend_settings({backends.KEY: "torch"}) == {backends.KEY: "torch"}
    assert backends.backend_settings({backends.KEY: "onnxruntime_int8"}, applies=False) == {}


def test_the_install_command_installs_the_projects_pins():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = backends.INSTALL.removeprefix("pip install ").split()
    assert [pin.split("==")[0] for pin in pins] == list(backends.PACKAGES)
    assert set(pins) <= set(project)
