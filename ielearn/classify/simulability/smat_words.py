"""SMaT's learned explainer as a ranker (docs/extending.md's signature): each word's score is
its probability under the learned map E_T(φ_T) of eq. 11 over the words the classifier reads
(words.py's rule); the ranking and the appended word follow from those scores, as for
every explainer (ranking.explained)."""

import torch

from ielearn.classify.explain.ranking import explained
from ielearn.classify.model import encoded_batches
from ielearn.classify.simulability.attention_logits import head_token_logits, logits_read
from ielearn.classify.simulability.explanation import attention_explanation
from ielearn.classify.simulability.heads import head_weights
from ielearn.classify.simulability.learned_explainer import load_learned
from ielearn.classify.simulability.word_maps import word_logits, word_map
from ielearn.errors import UserError


@torch.inference_mode()
def learned_explained(model, coefficients, tokenizer, examples, batch_size=32, max_length=128):
    """Each example's Explained under the head coefficients φ_T (one per head, layer-major)."""
    weights = head_weights(torch.as_tensor(coefficients, dtype=torch.float32))
    found = []
    with logits_read(model.eval()):
        for batch, encoding, inputs in encoded_batches(model, tokenizer, examples, batch_size, max_length):
            matrix, mask, words = word_map(encoding, len(batch))
            _, token_logits = head_token_logits(model, inputs)
            maps = attention_explanation(weights, word_logits(token_logits.float().cpu(), matrix), mask)
            for i, example in enumerate(batch):
                found.append(explained(maps[i, :len(words[i])].tolist(), words[i], (example.text_a, example.text_b)))
    return found


def smat_ranker(model, tokenizer, examples, explainer, settings, seeds, model_dir):
    """The registry's ranker: the coefficients in the file `settings["learned"]` names (learned
    per seed on the baseline by cls_learn_explainer; every model of the chain has its heads)."""
    config = model.config
    if not settings.get("learned"):
        raise UserError(f"{explainer}: its extraction settings name no learned explainer (`learned`); "
                        "the rules give it the file SMaT wrote for the replicate")
    coefficients = load_learned(settings["learned"], config.num_hidden_layers, config.num_attention_heads)
    return learned_explained(model, coefficients, tokenizer, examples, settings["batch_size"], settings["max_length"])
