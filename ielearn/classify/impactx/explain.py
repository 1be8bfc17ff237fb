"""IMPACTX's own explanation as an explainer: D's predicted map, one score per word (the mean
of D over the word's pieces, the rule of every explainer that scores pieces: words.py), for
the model's predicted label whatever it is (D predicts the teacher's map, which explains the
predicted label). Its top word is appended like every explainer's (Alg. 2 and 4) and its
ranking rated by the explanation-quality measures; its scores are compared with the
teacher's (agreement.py)."""

import torch

from ielearn.classify.explain.ranking import explained
from ielearn.classify.explain.words import word_scores
from ielearn.classify.model import encoded_batches


@torch.inference_mode()
def impactx_explained(model, tokenizer, examples, batch_size=32, max_length=128):
    """Each example's Explained (ranking.py) from D's map."""
    found = []
    for batch, encoding, inputs in encoded_batches(model.eval(), tokenizer, examples, batch_size, max_length):
        token_map = model(**inputs).token_map.float().cpu()
        for i, example in enumerate(batch):
            words, scores = word_scores(encoding, token_map[i], i)
            found.append(explained(scores, words, (example.text_a, example.text_b)))
    return found


def impactx_ranker(model, tokenizer, examples, explainer, settings, seeds, model_dir):
    """The registry's ranker hook (ielearn/classify/extract.py)."""
    return impactx_explained(model, tokenizer, examples, settings["batch_size"], settings["max_length"])
