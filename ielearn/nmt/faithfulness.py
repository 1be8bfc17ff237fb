"""Are the attention words faithful to the translation model? Which source tokens to mask.

For each test sentence, the model's log-probability of its own hypothesis (the one decode
wrote) is scored three times with fairseq (ielearn/nmt/faithfulness_scoring.py): on the
input as it is, with the source tokens it attended to masked, and with as many random source
tokens masked. If attention points at what the translation depends on, masking the attended
tokens lowers the log-probability more than masking random ones.

- Attended: the distinct positions ρ_j of the decode's .pos (indices into x).
- Random: as many distinct positions of x, drawn uniformly (random.Random(f"{seed}-{id}"),
  so the draw depends on neither batching nor the sentence cap).
- Masking a position of x masks every token of the model's input that stands for it (its
  origin): the token of x and, from iteration 1 on, the appended copies of it. A masked
  token becomes the source dictionary's <unk>; the length and position ids are unchanged.
No torch here: the choice of positions is testable alone.
"""

import random

MEASURES = ("logprob_full", "logprob_attended", "logprob_random", "drop_attended", "drop_random")


def attended_positions(positions):
    """The distinct attended positions of x (a decode .pos line, as ints)."""
    return sorted(set(positions))


def random_positions(source_length, count, seed, sentence_id):
    """`count` distinct positions of x (at most all of them), drawn for this sentence."""
    return sorted(random.Random(f"{seed}-{sentence_id}").sample(range(source_length), min(count, source_length)))


def input_columns(origins, chosen):
    """Indices of the model's input tokens whose origin (index in x) is among `chosen`."""
    chosen = set(chosen)
    return [j for j, origin in enumerate(origins) if origin in chosen]


def sentence_masks(origins, positions, source_length, seed, sentence_id):
    """(attended columns, random columns) of one sentence's model input."""
    attended = attended_positions(positions)
    drawn = random_positions(source_length, len(attended), seed, sentence_id)
    return input_columns(origins, attended), input_columns(origins, drawn)
