"""IMPACTX's training objective, the loss hook of ielearn.classify.train's one training loop:
CE(C([m; z]), y) + λ · MSE(D(LEP(x)), R(x)) per batch (losses.py), R the teacher's
normalised per-word scores of each example (teacher.py; for the `shuffled_maps` variant
another example's, targets.py; for `random_maps` random draws, random_maps.py). The model is
ImpactxClassifier (model.py): its two encoders read every input, hence two views in the
wordpieces counted.

Given held-out maps (the valid split's, of the same kind as the training maps), each epoch
also reports D's error on them (`valid_map_mse` in training.json): whether D learnt R
beyond the examples it was trained on.
"""

import torch
import torch.nn.functional as F

from ielearn.classify.explain.words import words_of_encoding
from ielearn.classify.impactx.losses import (
    impactx_loss,
    impactx_terms,
    map_term,
    padded_targets,
    piece_means,
    word_map,
)
from ielearn.classify.impactx.targets import shuffled_targets
from ielearn.classify.impactx.teacher import example_key
from ielearn.classify.model import encode
from ielearn.classify.train import CrossEntropy


class ImpactxObjective(CrossEntropy):
    """No parameters or state of its own (D and C are the model's), like the default."""

    views = 2

    def __init__(self, tokenizer, maps, lam, max_length, held_out=None):
        """maps: {(text_a, text_b): per-word target scores}, or None (a fine-tune of the
        chain, on x', which no teacher explained: cross entropy only); lam: λ; held_out:
        (model, examples, maps) whose map error each epoch reports, or None."""
        self.tokenizer, self.maps, self.lam, self.max_length = tokenizer, maps, lam, max_length
        self.held_out = held_out
        self.squared, self.batches = 0.0, 0

    def save(self, directory):
        pass  # the model keeps D; R is not needed at test time

    def epoch_report(self):
        """The mean of the map term over the epoch's batches (D's error on R), and on the
        held-out maps."""
        if self.maps is None:
            return {}
        mean = self.squared / self.batches if self.batches else float("nan")
        self.squared, self.batches = 0.0, 0
        report = {"map_mse": round(mean, 6)}
        if self.held_out:
            report["valid_map_mse"] = round(self.held_out_error(*self.held_out), 6)
        return report

    def owners(self, examples):
        """For every example of the batch, each token's word index (as the model's input was
        encoded: same tokenizer, truncation and padding)."""
        pair = examples[0].text_b is not None
        encoding = self.tokenizer([e.text_a for e in examples], [e.text_b for e in examples] if pair else None,
                                  truncation=True, max_length=self.max_length, padding=True,
                                  return_offsets_mapping=True)
        return [words_of_encoding(encoding, encoding["offset_mapping"][b], b).token_words
                for b in range(len(examples))]

    def word_maps(self, output, inputs, examples, maps):
        """(D's per-word map, the targets, the mask of real words) of a batch."""
        targets = [maps[example_key(e)] for e in examples]
        words = max(len(m) for m in targets)
        averaging = piece_means(self.owners(examples), [len(m) for m in targets], inputs["input_ids"].shape[1])
        predicted = word_map(output.token_map, averaging)[:, :words]
        return (predicted, *padded_targets(targets, words))

    def loss(self, model, inputs, labels, epochs, examples):
        output = model(**inputs)
        if self.maps is None:
            return F.cross_entropy(output.logits, labels)
        terms = impactx_terms(output.logits, labels, *self.word_maps(output, inputs, examples, self.maps))
        self.squared += float(terms["map"].detach())
        self.batches += 1
        return impactx_loss(terms, self.lam)

    @torch.inference_mode()
    def held_out_error(self, model, examples, maps, batch_size=64):
        """D's mean squared error over every word of `examples` (model in eval mode meanwhile)."""
        was_training = model.training
        model.eval()
        squared, count = 0.0, 0
        pair = examples[0].text_b is not None
        for start in range(0, len(examples), batch_size):
            batch = examples[start:start + batch_size]
            inputs = encode(self.tokenizer, [e.text_a for e in batch], [e.text_b for e in batch] if pair else None,
                            self.max_length, device=model.device)
            predicted, targets, mask = self.word_maps(model(**inputs), inputs, batch, maps)
            words = int(mask.sum())
            squared += float(map_term(predicted, targets, mask)) * words
            count += words
        model.train(was_training)
        return squared / count if count else float("nan")


def shuffled_maps(maps, examples, seed):
    """The `shuffled_maps` variant's maps: each example's R is another example's (targets.py)."""
    keys = list(dict.fromkeys(example_key(e) for e in examples))
    moved, _ = shuffled_targets([maps[k] for k in keys], seed)
    return dict(zip(keys, moved))


def impactx_objective(settings, task):
    """The `objective` of ielearn.classify.train.finetune (IMPACTX's registry hook).

    settings: the experiment's `impactx` section with a variant's changes (`lambda`,
    `shuffle_maps`), plus what the training job adds: `train` (its training settings: seed,
    max_length) and `inputs` (its input files: `train`, `valid` examples and, for a model 0,
    `maps_train`, `maps_valid`, the per-word scores it learns). A fine-tune of the impactx
    chain has no maps (x' has a word no teacher explained): cross entropy through the IMPACTX
    model, D as its model 0 left it."""
    from ielearn.classify.examples import read_examples
    from ielearn.classify.impactx.teacher import read_teacher_maps
    from ielearn.classify.model import load_tokenizer

    inputs, train = settings.get("inputs") or {}, settings["train"]

    def maps_of(split, tokenizer):
        examples = read_examples(inputs[split], task)
        maps = read_teacher_maps(inputs[f"maps_{split}"], examples, tokenizer, train["max_length"])
        return examples, shuffled_maps(maps, examples, train["seed"]) if settings.get("shuffle_maps") else maps

    def make(model, init_model):
        tokenizer = load_tokenizer(init_model)
        if "maps_train" not in inputs:
            return ImpactxObjective(tokenizer, None, 0.0, train["max_length"])
        _, maps = maps_of("train", tokenizer)
        held_out = (model, *maps_of("valid", tokenizer)) if "maps_valid" in inputs else None
        return ImpactxObjective(tokenizer, maps, float(settings["lambda"]), train["max_length"], held_out)
    return make
