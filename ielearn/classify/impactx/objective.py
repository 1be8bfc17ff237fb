"""IMPACTX's training objective, the loss hook of ielearn.classify.train's one training loop:
CE(C([m; z]), y) + λ · MSE(D(LEP(x)), R(x)) per batch (losses.py), R the teacher's
normalised per-word scores of each example (teacher.py; for the `shuffled` control another
example's, targets.py). The model is ImpactxClassifier (model.py): its two encoders read
every input, hence two views in the wordpieces counted."""

from ielearn.classify.explain.words import words_of_encoding
from ielearn.classify.impactx.losses import impactx_loss, impactx_terms, padded_targets, piece_means, word_map
from ielearn.classify.impactx.targets import shuffled_targets
from ielearn.classify.impactx.teacher import example_key
from ielearn.classify.train import CrossEntropy


class ImpactxObjective(CrossEntropy):
    """No parameters or state of its own (D and C are the model's), like the default."""

    views = 2

    def __init__(self, tokenizer, maps, lam, max_length):
        """maps: {(text_a, text_b): per-word target scores}; lam: λ."""
        self.tokenizer, self.maps, self.lam, self.max_length = tokenizer, maps, lam, max_length
        self.squared, self.batches = 0.0, 0

    def save(self, directory):
        pass  # the model keeps D; R is not needed at test time

    def epoch_report(self):
        """The mean of the map term over the epoch's batches (D's error on R)."""
        mean = self.squared / self.batches if self.batches else float("nan")
        self.squared, self.batches = 0.0, 0
        return {"map_mse": round(mean, 6)}

    def owners(self, examples):
        """For every example of the batch, each token's word index (as the model's input was
        encoded: same tokenizer, truncation and padding)."""
        pair = examples[0].text_b is not None
        encoding = self.tokenizer([e.text_a for e in examples], [e.text_b for e in examples] if pair else None,
                                  truncation=True, max_length=self.max_length, padding=True,
                                  return_offsets_mapping=True)
        return [words_of_encoding(encoding, encoding["offset_mapping"][b], b).token_words
                for b in range(len(examples))]

    def loss(self, model, inputs, labels, epochs, examples):
        output = model(**inputs)
        maps = [self.maps[example_key(e)] for e in examples]
        owners = self.owners(examples)
        words = max(len(m) for m in maps)
        averaging = piece_means(owners, [len(m) for m in maps], inputs["input_ids"].shape[1])
        targets, mask = padded_targets(maps, words)
        predicted = word_map(output.token_map, averaging)[:, :words]
        terms = impactx_terms(output.logits, labels, predicted, targets, mask)
        self.squared += float(terms["map"].detach())
        self.batches += 1
        return impactx_loss(terms, self.lam)


def shuffled_maps(maps, examples, seed):
    """The `shuffled` control's maps: each example's R is another example's (targets.py)."""
    keys = list(dict.fromkeys(example_key(e) for e in examples))
    moved, _ = shuffled_targets([maps[k] for k in keys], seed)
    return dict(zip(keys, moved))

