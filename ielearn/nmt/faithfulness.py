"""Are the attention words faithful to the translation model? Which source tokens to mask.

For each test sentence, the model's log-probability of its own hypothesis (the one decode
wrote) is scored three times with fairseq (ielearn/nmt/faithfulness_scoring.py): on the
input as it is, with the source tokens it attended to masked, and with as many random source
tokens masked. If attention points at what the translation depends on, masking the attended
tokens lowers the log-probability more than masking random ones.

- Attended: every token of the model's input whose origin (index in x) is one of the
  decode's positions ρ_j: the token of x and, from iteration 1 on, the appended copies of
  it (a copy carries the same word, so masking only x would leave it readable).
- Random: as many tokens of the model's input, drawn uniformly without replacement
  (random.Random(f"{seed}-{id}"), so the draw depends on neither batching nor the sentence
  cap). Both arms mask the same number of input tokens.
A masked token becomes the source dictionary's <unk>; length and position ids are unchanged.
No torch here: the choice of positions is testable alone.
"""

import random

MEASURES = ("logprob_full", "logprob_attended", "logprob_random", "drop_attended", "drop_random")


def input_columns(origins, chosen):
    """Indices of the model's input tokens whose origin (index in x) is among `chosen`."""
    chosen = set(chosen)
    return [j for j, origin in enumerate(origins) if origin in chosen]


def sentence_masks(origins, positions, seed, sentence_id):
    """(attended columns, random columns) of one sentence's model input; `origins`: each
    input token's index in x, `positions`: the decode's .pos line."""
    attended = input_columns(origins, positions)
    drawn = random.Random(f"{seed}-{sentence_id}").sample(range(len(origins)), len(attended))
    return attended, sorted(drawn)
