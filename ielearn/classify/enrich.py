"""x' = x + the important word (Alg. 2): appended to the end of the (last) sentence.

For a sentence pair the word goes to the end of the second sentence, i.e. the end of the
model's input, as the paper appends to the input's end; the word may come from either
sentence, and the first sentence stays as it was.

The classifier truncates its input to `max_length` wordpieces from the end, which would cut
off the appended words first. So when x' is too long, words of the *original* text are
dropped from its end instead (for a pair, from the sentence with more wordpieces) until x'
fits; the appended words (one per bootstrap iteration so far) always stay. How many
examples were cut is logged.
"""

import logging

from ielearn.classify.examples import Example, read_examples, write_examples
from ielearn.errors import UserError
from ielearn.io import read_lines

log = logging.getLogger(__name__)


def append_word(example, word):
    if example.text_b is None:
        return Example(f"{example.text_a} {word}", None, example.label)
    return Example(example.text_a, f"{example.text_b} {word}", example.label)


def length(tokenizer, text_a, text_b):
    return len(tokenizer(text_a, text_b, truncation=False)["input_ids"])


def fit_appended(tokenizer, example, appended, max_length):
    """(x' that fits in max_length, whether its original text was cut); the last `appended`
    words of the last sentence are appended words, the rest is original text."""
    last = (example.text_b if example.text_b is not None else example.text_a).split()
    original = [example.text_a.split(), last[:-appended]] if example.text_b is not None \
        else [last[:-appended]]
    tail = last[-appended:]

    def texts():
        *first, final = original
        joined = " ".join(final + tail)
        return (" ".join(first[0]), joined) if first else (joined, None)

    cut = False
    while length(tokenizer, *texts()) > max_length and any(original):
        sizes = [length(tokenizer, " ".join(part), None) if part else -1 for part in original]
        original[sizes.index(max(sizes))].pop()
        cut = True
    text_a, text_b = texts()
    return Example(text_a, text_b, example.label), cut


def enrich(input_path, words_path, task, out_path, tokenizer=None, max_length=None, appended=1):
    """x' of every example; with a tokenizer, fitted to max_length (`appended`: the words
    appended so far, this one included, i.e. the bootstrap iteration)."""
    examples, words = read_examples(input_path, task), read_lines(words_path)
    if len(words) != len(examples):
        raise UserError(f"{words_path}: {len(words)} words for {len(examples)} examples in {input_path}; "
                        "delete it and rerun the extraction")
    enriched = [append_word(e, w) for e, w in zip(examples, words)]
    if tokenizer is not None:
        fitted = [fit_appended(tokenizer, e, appended, max_length) for e in enriched]
        enriched = [example for example, _ in fitted]
        cut = sum(was_cut for _, was_cut in fitted)
        log.info("cut the original text of %d of %d examples so that the %d appended word(s) fit "
                 "in %d wordpieces", cut, len(enriched), appended, max_length)
    write_examples(out_path, enriched)
