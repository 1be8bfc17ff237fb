"""The sparse coding layer saved beside the classifier it was trained with.

The classifier itself is saved as every other (save_pretrained), so scoring and prediction
load it like any model; only the explainer and a further SCC training read the layer.
"""

from pathlib import Path

import torch

from ielearn.classify.pretrained import pretrained_path
from ielearn.classify.scc.layer import SparseCodingLayer
from ielearn.errors import UserError

LAYER_FILE = "scc_layer.pt"


def layer_path(model_dir):
    return Path(pretrained_path(str(model_dir))) / LAYER_FILE


def has_layer(model_dir):
    return layer_path(model_dir).is_file()


def save_layer(layer, model_dir):
    torch.save({"shape": layer.shape(), "state": layer.state_dict()}, Path(model_dir) / LAYER_FILE)


def load_layer(model_dir, device=None):
    path = layer_path(model_dir)
    if not path.is_file():
        raise UserError(f"{path}: no sparse coding layer here; only a model trained with SCC "
                        "(classification `scc: {enabled: true}`) has one for the `scc` explainer")
    saved = torch.load(path, map_location=device or "cpu", weights_only=True)
    layer = SparseCodingLayer(**saved["shape"])
    layer.load_state_dict(saved["state"])
    return layer.to(device or "cpu").eval()
