"""Which gettext messages make clean sentence pairs, and why the others do not.

User-interface strings are full of things a translation model should not learn from:
printf/format placeholders, HTML markup and entities, keyboard accelerators, and one-word
labels. `rejection_reason` names the first problem found (None = keep), so that the data card
can count what each rule removed.
"""

import re

# %s, %d, %(name)s, %1$s, %-5.2f, %1 (Qt), %% (a format string's literal %); "100% of" is kept.
PRINTF = re.compile(r"%(\([^)]*\))?(\d+\$)?[-+#0]*\d*(\.\d+)?[a-zA-Z]|%\d|%%")
BRACES = re.compile(r"\{[^{}]*\}|\$\{|\{\{|\}\}")  # {name}, {0}, {}, ${var}, {{ tag }}
MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")  # <b>, </a>, <br/>, &amp;, &#160;
# &File; _File and Ma_ximum (GTK marks the key anywhere), which also drops code identifiers
# such as master_doc; entities are ruled out before this test
ACCELERATOR = re.compile(r"&\w|_\w")
WHITESPACE = re.compile(r"\s+")


def normalise(text):
    """One line: every run of whitespace (newlines, tabs) becomes a single space."""
    return WHITESPACE.sub(" ", text).strip()


def rejection_reason(english, translation, min_words, max_words):
    """Why (english, translation) is not a clean pair, or None when it is."""
    if not english or not translation:
        return "empty"
    for text in (english, translation):
        if PRINTF.search(text) or BRACES.search(text):
            return "placeholder"
    for text in (english, translation):
        if MARKUP.search(text):
            return "markup"
    for text in (english, translation):
        if ACCELERATOR.search(text):
            return "accelerator"
    for text in (english, translation):
        words = len(text.split())
        if words < min_words:
            return "too short"
        if words > max_words:
            return "too long"
    if english == translation:
        return "untranslated"
    return None


def duplicate_key(english):
    """Strings that differ only in case, spacing or final punctuation count as one."""
    return english.casefold().rstrip(" .:!?…").strip()
