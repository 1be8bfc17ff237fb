"""Are the attention words faithful to the translation model? Which source tokens to mask.

For each test sentence, the model's log-probability of its own hypothesis (the one decode
wrote) is scored three times with fairseq (ielearn/nmt/faithfulness_scoring.py): on the
input as it is, with the source tokens it attended to masked, and with as many random source
tokens masked. If attention points at what the translation depends on, masking the attended
tokens lowers the log-probability more than masking random ones.

- Attended: every token of the model's input whose origin (index in x) is one of the
  decode's positions ρ_j: the token of x and, from iteration 1 on, the appended copies of
  it (a copy carries the same word, so masking only x would leave it readable).
- Random (the uniform floor): as many tokens of the model's input, drawn uniformly without
  replacement (random.Random(f"{seed}-{id}"), so the draw depends on neither batching nor
  the sentence cap). Both arms mask the same number of input tokens. This floor draws
  punctuation, EOS-less subword pieces and appended copies alike, while attention leans to
  content words: beating it may only mean "not punctuation".
- Matched (the floor matched to the attended tokens): as many *source words* (positions of
  x) as the attended arm hides, drawn uniformly among x's content tokens (a letter or a
  digit: no punctuation or symbols; appended copies are never drawn, only positions of x),
  each masked with every copy of it in the input, as the attended arm masks its words
  (random.Random(f"{seed}-{id}-matched"), so the uniform draw is unchanged). Same number of
  hidden words, same kind of token, same treatment of copies: what is left to tell the two
  apart is which content words attention picked. Why content tokens rather than the same
  frequency band: a band needs corpus counts the scorer does not have, and on short
  sentences a band holds few tokens to draw from; punctuation is the clear confound.
A masked token becomes the source dictionary's <unk>; length and position ids are unchanged.
No torch here: the choice of positions is testable alone.
"""

import random

MEASURES = ("logprob_full", "logprob_attended", "logprob_random", "logprob_matched",
            "drop_attended", "drop_random", "drop_matched")


def is_content(token):
    """A content token has a letter or a digit (BPE's `@@` marker has neither)."""
    return any(character.isalnum() for character in token)


def input_columns(origins, chosen):
    """Indices of the model's input tokens whose origin (index in x) is among `chosen`."""
    chosen = set(chosen)
    return [j for j, origin in enumerate(origins) if origin in chosen]


def sentence_masks(origins, positions, seed, sentence_id, source_tokens):
    """(attended, random, matched) columns of one sentence's model input; `origins`: each
    input token's index in x, `positions`: the decode's .pos line, `source_tokens`: x."""
    attended = input_columns(origins, positions)
    drawn = random.Random(f"{seed}-{sentence_id}").sample(range(len(origins)), len(attended))
    hidden = set(positions) & set(origins)  # the source words the attended arm hides
    content = [p for p, token in enumerate(source_tokens) if is_content(token)]
    words = random.Random(f"{seed}-{sentence_id}-matched").sample(content, min(len(hidden), len(content)))
    return attended, sorted(drawn), input_columns(origins, words)
