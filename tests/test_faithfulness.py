"""Faithfulness of translation attention words: which input tokens are masked, the masking of
a left-padded fairseq batch, and the tables over seeds, on hand-computed cases."""

import random

import numpy as np
import pytest
import scipy.stats

from ielearn.io import read_tsv
from ielearn.nmt.faithfulness import is_content, sentence_masks
from ielearn.nmt.faithfulness_summary import write_faithfulness_summary


def test_masks_cover_every_copy_of_the_attended_tokens_and_as_many_random_ones():
    # x has 4 tokens; iteration 1 appended copies of x[1], x[1] and x[3]
    origins = [0, 1, 2, 3, 1, 1, 3]
    x = ["a", "b", "c", "d"]
    attended, drawn, _ = sentence_masks(origins, [1, 1, 3], seed="1-1", sentence_id=7, source_tokens=x)
    assert attended == [1, 3, 4, 5, 6]  # x[1], x[3] and their copies
    assert drawn == sorted(random.Random("1-1-7").sample(range(7), 5))  # as many input tokens
    assert sentence_masks(origins, [1, 1, 3], "1-1", 8, x)[1] != drawn  # each sentence its own draw
    assert sentence_masks([0, 1], [0, 1, 1, 0], "s", 0, x[:2]) == ([0, 1], [0, 1], [0, 1])  # never more than the input
    assert sentence_masks([0, 1], [], "s", 0, x[:2]) == ([], [], [])  # nothing attended, nothing masked


def test_the_matched_floor_hides_as_many_content_words_of_x_with_their_copies():
    """x = le chat@@ s , noir . ; iteration 1 appended copies of `chat@@` (x[1]) and `noir`
    (x[4]). The attended arm hides 2 source words (x[1], x[4]) and their copies. The matched
    floor draws 2 positions of x among its content tokens (0, 1, 2, 4: never `,` or `.`, never
    an appended copy) and masks each with its copies."""
    x = ["le", "chat@@", "s", ",", "noir", "."]
    assert [is_content(t) for t in x] == [True, True, True, False, True, False]
    origins = [0, 1, 2, 3, 4, 5, 1, 4]
    attended, _, matched = sentence_masks(origins, [1, 4, 4], "s", 7, x)
    assert attended == [1, 4, 6, 7]
    words = random.Random("s-7-matched").sample([0, 1, 2, 4], 2)
    assert matched == [j for j, origin in enumerate(origins) if origin in words]
    for sentence_id in range(200):  # every draw: content words of x only, copies masked with them
        _, drawn, matched = sentence_masks(origins, [1, 4, 4], "s", sentence_id, x)
        hidden = {origins[j] for j in matched}
        assert len(hidden) == 2 and hidden <= {0, 1, 2, 4}
        assert all(j in matched for j, origin in enumerate(origins) if origin in hidden)
        assert drawn == sorted(random.Random(f"s-{sentence_id}").sample(range(8), 4))  # the uniform floor unchanged
    # attended punctuation counts as a hidden word; fewer content words than that: all of them
    assert sentence_masks([0, 1, 2], [0, 1, 2], "s", 0, ["a", ",", "."])[2] == [0]


def test_masking_a_left_padded_batch():
    torch = pytest.importorskip("torch")
    from ielearn.nmt.faithfulness_scoring import masked

    pad, eos, unk = 1, 2, 3
    tokens = torch.tensor([[pad, pad, 10, 11, eos], [20, 21, 22, 23, eos]])
    out = masked(tokens, [[1], [0, 3]], unk, pad)
    assert out.tolist() == [[pad, pad, 10, unk, eos], [unk, 21, 22, unk, eos]]
    assert tokens[0, 3] == 11  # the batch itself is untouched
    right = masked(torch.tensor([[10, 11, eos, pad], [30, 31, 32, eos]]), [[0], []], unk, pad)
    assert right.tolist() == [[unk, 11, eos, pad], [30, 31, 32, eos]]


def write_scores(path, full, attended, drawn, matched=None):
    """A scores file; without `matched`, one scored before the matched floor existed."""
    columns = ["id", "hyp_tokens", "masked_attended", "masked_random", "logprob_full", "logprob_attended",
               "logprob_random"] + (["logprob_matched"] if matched else [])
    rows = zip(full, attended, drawn, matched or full)
    lines = ["\t".join(columns)] + [f"{i}\t5\t1\t1\t{f}\t{a}\t{r}" + (f"\t{m}" if matched else "")
                                    for i, (f, a, r, m) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_tables_over_seeds_equal_hand_computation(tmp_path):
    # per seed (iteration 0), three sentences: drops attended / random
    data = {1: ([-1.0, -2.0, -1.5], [-2.0, -2.5, -2.5], [-1.2, -2.0, -1.6]),
            2: ([-1.0, -1.0, -1.0], [-1.5, -2.0, -1.6], [-1.1, -1.3, -1.0])}
    runs = [{"seed": seed, "iteration": 0, "path": write_scores(tmp_path / f"{seed}.tsv", *values)}
            for seed, values in data.items()]
    outputs = {name: str(tmp_path / f"{name}.tsv") for name in ("table", "per_seed", "comparisons",
                                                                  "comparisons_per_seed")}
    write_faithfulness_summary(runs, (1, 2), outputs, {"ar_trials": 50})
    drop = {seed: (np.mean(np.subtract(f, a)), np.mean(np.subtract(f, r))) for seed, (f, a, r) in data.items()}
    per_seed = read_tsv(outputs["per_seed"])
    assert [(r["seed"], r["iteration"], r["items"]) for r in per_seed] == [("1", "0", "3"), ("2", "0", "3")]
    for row in per_seed:
        attended, drawn = drop[int(row["seed"])]
        assert float(row["drop_attended"]) == pytest.approx(attended, abs=0.006)
        assert float(row["drop_random"]) == pytest.approx(drawn, abs=0.006)
    table = read_tsv(outputs["table"])[0]
    values = [drop[1][0], drop[2][0]]
    half = scipy.stats.t.ppf(0.975, 1) * np.std(values, ddof=1) / np.sqrt(2)
    assert float(table["drop_attended_mean"]) == pytest.approx(np.mean(values), abs=0.006)
    assert float(table["drop_attended_ci_high"]) == pytest.approx(np.mean(values) + half, abs=0.006)
    comparison = read_tsv(outputs["comparisons"])[0]
    deltas = [drop[s][0] - drop[s][1] for s in (1, 2)]
    assert (comparison["measure"], comparison["system"], comparison["against"]) == (
        "logprob_drop", "attended", "random")
    assert float(comparison["delta"]) == pytest.approx(np.mean(deltas), abs=0.006)
    assert float(comparison["p_t"]) == pytest.approx(scipy.stats.ttest_1samp(deltas, 0).pvalue, rel=1e-3)
    assert len(read_tsv(outputs["comparisons_per_seed"])) == 2


def test_both_floors_are_reported_and_compared(tmp_path):
    data = {1: ([-1.0, -2.0], [-2.0, -2.5], [-1.2, -2.0], [-1.8, -2.2]),
            2: ([-1.0, -1.0], [-1.5, -2.0], [-1.1, -1.3], [-1.2, -1.9])}
    runs = [{"seed": seed, "iteration": 1, "path": write_scores(tmp_path / f"{seed}.tsv", *values)}
            for seed, values in data.items()]
    outputs = {name: str(tmp_path / f"{name}.tsv") for name in ("table", "per_seed", "comparisons",
                                                                  "comparisons_per_seed")}
    write_faithfulness_summary(runs, (1, 2), outputs, {"bootstrap_samples": 50, "ar_trials": 50})
    per_seed = {int(r["seed"]): r for r in read_tsv(outputs["per_seed"])}
    for seed, (full, _, _, matched) in data.items():
        assert float(per_seed[seed]["drop_matched"]) == pytest.approx(np.mean(np.subtract(full, matched)), abs=0.006)
    rows = {r["against"]: r for r in read_tsv(outputs["comparisons"])}
    assert set(rows) == {"random", "matched"}
    deltas = [np.mean(np.subtract(m, a)) for _, a, _, m in data.values()]  # drop_attended − drop_matched
    assert float(rows["matched"]["delta"]) == pytest.approx(np.mean(deltas), abs=0.006)
    assert "drop_matched_mean" in read_tsv(outputs["table"])[0]
