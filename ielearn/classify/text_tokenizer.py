"""The classifier's tokenizer for the stages that run no model (cls_enrich, cls_random_words,
cls_random_maps), without importing torch.

transformers 5 imports torch to load any tokenizer (transformers.configuration_utils): about
3 s of CPU per job, paid by every job of those stages. A fast tokenizer is its tokenizer.json
run by the `tokenizers` library, which transformers calls underneath; this reads that file and
answers what those stages ask (token ids, character offsets, each token's sentence and word)
as transformers' fast tokenizer does: special tokens added, no padding, truncation
`longest_first` on the side tokenizer_config.json names. tests/test_text_tokenizer.py checks
every answer equal to AutoTokenizer's on the offline MiniLM, the tests' tiny BERT and a
trained classifier's folder. A model without tokenizer.json (a hub name, a slow-only
tokenizer) is loaded by transformers, as before.
"""

import json
from pathlib import Path

from ielearn.classify.pretrained import pretrained_path


class TextTokenizer:
    """`tokenizer(text_a, text_b, truncation=..., max_length=...)` for one example."""

    def __init__(self, tokenizer_file, truncation_side="right"):
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.no_padding()  # a saved file can carry the padding it was last used with
        self._truncation_side = truncation_side

    def __call__(self, text_a, text_b=None, truncation=False, max_length=None, return_offsets_mapping=False):
        if truncation:
            if max_length is None:
                raise ValueError("truncation needs max_length")
            self._tokenizer.enable_truncation(max_length, strategy="longest_first", direction=self._truncation_side)
        else:
            self._tokenizer.no_truncation()
        return OneEncoding(self._tokenizer.encode(text_a, text_b))


class OneEncoding:
    """transformers' BatchEncoding of one example, as far as those stages read it."""

    def __init__(self, encoding):
        self._encoding = encoding

    def __getitem__(self, key):
        return {"input_ids": self._encoding.ids, "offset_mapping": self._encoding.offsets}[key]

    def word_ids(self, batch_index=0):
        assert batch_index == 0, "one example"
        return self._encoding.word_ids

    def sequence_ids(self, batch_index=0):
        assert batch_index == 0, "one example"
        return self._encoding.sequence_ids


def truncation_side(folder):
    config = folder / "tokenizer_config.json"
    return json.loads(config.read_text(encoding="utf-8")).get("truncation_side", "right") if config.is_file() else "right"


def load_text_tokenizer(name):
    """The tokenizer of model `name` (a config model name or a folder): TextTokenizer where the
    folder has tokenizer.json, else transformers' AutoTokenizer (which imports torch)."""
    folder = Path(pretrained_path(str(name)))
    if (folder / "tokenizer.json").is_file():
        return TextTokenizer(folder / "tokenizer.json", truncation_side(folder))
    from ielearn.classify.model import load_tokenizer

    return load_tokenizer(name)
