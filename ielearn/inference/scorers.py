"""Corpus metrics recomputed from per-item records, for many resamples at once.

A scorer turns one arm's test items into an (items × d) array and scores rearrangements of
them: `swapped(a, b, mask)` for approximate randomization (mask: which items trade places),
`leave_one_out(stats)` for the jackknife (every item left out once). Additive metrics
(accuracy, BLEU) sum per-item sufficient statistics, so both are array operations; any
other metric (MCC, Spearman) is recomputed row by row.
"""

import numpy as np


class AdditiveScorer:
    """A metric that is a function of per-item statistics summed over the items."""

    def __init__(self, from_sums):
        self.from_sums = from_sums  # (..., d) summed statistics -> (...) scores

    def score(self, stats):
        return float(self.from_sums(np.asarray(stats, dtype=float).sum(axis=0)))

    def swapped(self, a, b, mask):
        keep = 1.0 - mask
        return self.from_sums(keep @ a + mask @ b), self.from_sums(mask @ a + keep @ b)

    def leave_one_out(self, stats):
        stats = np.asarray(stats, dtype=float)
        return self.from_sums(stats.sum(axis=0)[None, :] - stats)


class RowScorer:
    """Any metric of the item records (one row per item), recomputed for every resample."""

    def __init__(self, metric):
        self.metric = metric  # (items × d) records -> score

    def score(self, stats):
        return float(self.metric(np.asarray(stats)))

    def swapped(self, a, b, mask):
        chosen = mask.astype(bool)[:, :, None]
        first = np.where(chosen, b[None], a[None])
        second = np.where(chosen, a[None], b[None])
        return (np.array([self.metric(rows) for rows in first]),
                np.array([self.metric(rows) for rows in second]))

    def leave_one_out(self, stats):
        stats = np.asarray(stats)
        return np.array([self.metric(np.delete(stats, i, axis=0)) for i in range(len(stats))])


def _accuracy(sums):
    return 100.0 * sums[..., 0] / sums[..., 1]


ACCURACY = AdditiveScorer(_accuracy)  # items: [right (0/1), 1]; × 100 as every table


def accuracy_items(right):
    right = np.asarray(right, dtype=float)
    return np.stack([right, np.ones_like(right)], axis=1)


def _bleu(sums, order=4):
    """sacrebleu's BLEU (13a statistics, 'exp' smoothing, no effective order) from summed
    sentence statistics [sys_len, ref_len, correct_1..4, total_1..4], vectorised."""
    sys_len, ref_len = sums[..., 0], sums[..., 1]
    correct, total = sums[..., 2:2 + order], sums[..., 2 + order:2 + 2 * order]
    # sacrebleu halves the smoothed count once more for every further order without a match
    halvings = np.cumsum(correct == 0, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(correct > 0, 100.0 * correct / total, 100.0 / (2.0 ** halvings * total))
        # an order with no n-gram at all ends the product: sacrebleu's score is then 0
        log_mean = np.where(total > 0, np.log(np.where(total > 0, precision, 1.0)), -np.inf).mean(axis=-1)
        short = np.where(sys_len > 0, np.exp(1.0 - ref_len / np.where(sys_len > 0, sys_len, 1.0)), 0.0)
        brevity = np.where(sys_len < ref_len, short, 1.0)
        score = brevity * np.exp(log_mean)
    # no matched n-gram at all: sacrebleu returns 0
    return np.where(correct.sum(axis=-1) > 0, score, 0.0)


BLEU = AdditiveScorer(_bleu)


def bleu_items(hypotheses, references):
    """Per-sentence sacrebleu statistics (tokenize 13a), one row per test sentence."""
    from sacrebleu.metrics import BLEU as SacreBLEU

    stats = SacreBLEU(tokenize="13a")._extract_corpus_statistics(list(hypotheses), [list(references)])
    return np.asarray(stats, dtype=float)
