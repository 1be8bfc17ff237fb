"""x' = x + the important word (Alg. 2): appended to the end of the (last) sentence.

For a sentence pair the word goes to the end of the second sentence, i.e. the end of the
model's input, as the paper appends to the input's end; the word may come from either
sentence, and the first sentence stays as it was.
"""

from ielearn.classify.examples import Example, read_examples, write_examples
from ielearn.errors import UserError
from ielearn.io import read_lines


def append_word(example, word):
    if example.text_b is None:
        return Example(f"{example.text_a} {word}", None, example.label)
    return Example(example.text_a, f"{example.text_b} {word}", example.label)


def enrich(input_path, words_path, task, out_path):
    examples, words = read_examples(input_path, task), read_lines(words_path)
    if len(words) != len(examples):
        raise UserError(f"{words_path}: {len(words)} words for {len(examples)} examples in {input_path}; "
                        "delete it and rerun the extraction")
    write_examples(out_path, [append_word(e, w) for e, w in zip(examples, words)])
