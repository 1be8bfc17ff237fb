"""SCC's training objective, the loss hook of ielearn.classify.train's one training loop.

Per batch (§3): the input x runs through the classifier with its hidden states; the sparse
coding layer turns them into M; a Gumbel hard mask (eq. 5) gives the foreground
x_f = M ⊙ x and the background x_b = (1 - M) ⊙ x (eq. 8-9), applied to the word embeddings
(inputs_embeds, so positions and segments stay); the classifier reads both. L_ce is taken on
the foreground's logits (eq. 7), L_sc on M, L_cc on the [CLS] representations of x, x_f, x_b.
Choices where the paper is silent: the representation z is the last layer's [CLS] state;
special tokens ([CLS], [SEP]) and padding are not words: they are never masked, stay in both
views and count in no loss. The layer's gradients reach the encoder (end to end, §4.1).

γ inside the `scc` chain (the paper trains SCC once; its chain is ours): each fine-tune of the
chain trains with SCC's loss again, and `scc.gamma_chain` says where its γ starts:
`restart` at gamma_start (1.0), as a new SCC training would, or `continue` at the γ the model
it starts from had at its kept epoch (recorded per epoch in training.json as `gamma`), then
down by gamma_decay per epoch to the floor, as the learning rate continues under
`finetune.lr: continue`. A high γ pulls M back towards 0.5 (its entropy term), so a restart
blurs the masks the previous model had learnt.
"""

import torch

from ielearn.classify.model import load_tokenizer
from ielearn.classify.scc.checkpoint import has_layer, load_layer, save_layer
from ielearn.classify.scc.layer import SparseCodingLayer
from ielearn.classify.scc.losses import (
    contrastive_coding_term,
    cross_entropy_term,
    gamma_at,
    sparse_coding_term,
    total_loss,
)
from ielearn.classify.scc.masks import hard_mask
from ielearn.classify.training_record import read_training
from ielearn.errors import UserError


def representation(output):
    return output.hidden_states[-1][:, 0]


class SccObjective:
    def __init__(self, model, settings, special_ids, layer=None, gamma_start=None):
        """settings: the experiment's `scc` section (lambda, tau, tau2, gamma_*, size, ablation,
        sparse_coding); gamma_start: where γ starts (None: settings' gamma_start)."""
        self.settings, self.special_ids = settings, torch.tensor(sorted(special_ids), dtype=torch.long)
        self.gamma_start = settings["gamma_start"] if gamma_start is None else gamma_start
        self.gamma = self.gamma_start  # the γ of the last batch, reported per epoch
        config = model.config
        self.layer = (layer or SparseCodingLayer(config.hidden_size, config.num_hidden_layers + 1,
                                                 settings["size"])).to(model.device)
        # the background view feeds L_cc only: without it (no_cc), two passes per batch
        self.views = 2 if settings["ablation"] == "no_cc" else 3
        self.kept, self.seen = 0.0, 0.0  # words the hard masks kept / saw since the last report

    def parameters(self):
        return list(self.layer.parameters())

    def train(self, mode=True):
        self.layer.train(mode)
        return self

    def state_dict(self):
        return self.layer.state_dict()

    def load_state_dict(self, state):
        self.layer.load_state_dict(state)

    def save(self, directory):
        save_layer(self.layer, directory)

    def epoch_report(self):
        """The share of words the hard masks kept since the last report (for the epoch's log
        line and training.json): near 0, the classifier is reading empty inputs."""
        share = self.kept / self.seen if self.seen else float("nan")
        self.kept, self.seen = 0.0, 0.0
        return {"mask_keep_rate": round(share, 4), "gamma": round(self.gamma, 6)}

    def words(self, inputs):
        """True at the tokens that are words of the input (not special, not padding)."""
        ids = inputs["input_ids"]
        special = torch.isin(ids, self.special_ids.to(ids.device))
        return inputs["attention_mask"].bool() & ~special

    def terms(self, model, inputs, labels, epochs):
        """{'ce', 'sc', 'cc'} of one batch ('cc' absent under no_cc)."""
        s = self.settings
        full = model(**inputs, output_hidden_states=True)
        probabilities = self.layer(full.hidden_states)
        words = self.words(inputs)
        mask = hard_mask(probabilities, s["tau"])
        self.kept += float((mask.detach() * words).sum())
        self.seen += float(words.sum())
        keep = torch.where(words, mask, torch.ones_like(mask))  # non-words stay in both views
        embeddings = model.get_input_embeddings()(inputs["input_ids"])
        rest = {k: v for k, v in inputs.items() if k != "input_ids"}
        fore = model(inputs_embeds=keep.unsqueeze(-1) * embeddings, output_hidden_states=True, **rest)
        gamma = self.gamma = gamma_at(epochs, self.gamma_start, s["gamma_end"], s["gamma_decay"])
        terms = {"ce": cross_entropy_term(fore.logits, labels),
                 "sc": sparse_coding_term(mask, probabilities, words, gamma, s["sparse_coding"])}
        if s["ablation"] != "no_cc":
            drop = torch.where(words, 1 - mask, torch.ones_like(mask))
            back = model(inputs_embeds=drop.unsqueeze(-1) * embeddings, output_hidden_states=True, **rest)
            terms["cc"] = contrastive_coding_term(representation(full), representation(fore),
                                                  representation(back), labels, s["tau2"])
        return terms

    def loss(self, model, inputs, labels, epochs, examples=None):
        return total_loss(self.terms(model, inputs, labels, epochs), self.settings["lambda"],
                          self.settings["ablation"])


def scc_objective(settings, task):
    """The `objective` argument of ielearn.classify.train.finetune: a new layer on a pretrained
    encoder, or the layer of the SCC model it continues from."""
    if task.regression:  # L_cc's positives are the examples of the same class
        raise UserError("SCC needs classes, and this task is a regression (one score): "
                        "set scc: {enabled: false} and remove scc from explainers")

    def make(model, init_model):
        layer, start = None, None
        if has_layer(init_model):  # a fine-tune of the scc chain
            layer = load_layer(init_model, model.device)
            start = kept_gamma(init_model) if settings["gamma_chain"] == "continue" else None
        return SccObjective(model, settings, load_tokenizer(init_model).all_special_ids, layer, start)
    return make


def kept_gamma(model_dir):
    """The γ the SCC model in model_dir trained with at its kept epoch (its training.json)."""
    record = read_training(model_dir)
    entry = record["history"][record["kept_epoch"] - 1]
    if "gamma" not in entry:
        raise UserError(f"{model_dir}/training.json records no γ per epoch (a model trained before it "
                        "was recorded), so scc.gamma_chain: continue has no γ to continue from: "
                        "retrain that model, or set scc.gamma_chain: restart")
    return float(entry["gamma"])
