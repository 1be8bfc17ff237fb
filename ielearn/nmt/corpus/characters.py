"""Characters a corpus line must not hold, because a later stage would split, hide or score them.

- CR: a Windows (CRLF) or old Mac line end; some readers end a line there, `wc -l` does not.
- VT, FF, U+001C-U+001E, U+0085, U+2028, U+2029: Python's str.splitlines (and so any tool
  built on it) ends a line there, `wc -l` does not, so the two sides of a pair drift apart.
- U+FEFF (a byte-order mark): invisible, but Moses and fairseq keep it as a token, and it
  stays in the BLEU reference.
- NUL and the other C0/C1 control characters: tools strip some of them from one side only.
Tab is allowed: every stage reads it as the space between words.

A user's own files are refused at the first such character (file, line, character and fix).
Corpora the user cannot edit (official archives, gettext catalogs) are normalised instead by
one documented rule, `normalise_line`: each such character becomes a space, and the count is
logged and written in the data card.
"""

import unicodedata

LINE_SEPARATORS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
BOM = "\ufeff"


def is_forbidden(char):
    """True for the characters listed above."""
    if char in ("\t", "\n"):
        return False
    return char == BOM or char in LINE_SEPARATORS or unicodedata.category(char) == "Cc"


def describe(char):
    """`U+2028 LINE SEPARATOR`-style name of a character, readable for control characters."""
    names = {"\r": "CARRIAGE RETURN", "\x00": "NUL", "\v": "LINE TABULATION (VT)",
             "\f": "FORM FEED (FF)", "\x85": "NEXT LINE (NEL)", BOM: "BYTE ORDER MARK (BOM)"}
    name = names.get(char) or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} {name}"


def fix_for(char):
    """What the user runs to remove `char` from a file."""
    if char == "\r":
        return ("Windows (CRLF) or old Mac line ends: convert them with `dos2unix` or "
                "`sed -i 's/\\r$//'`")
    if char == BOM:
        return "save the file as UTF-8 without a BOM, e.g. `sed -i '1s/^\\xEF\\xBB\\xBF//'`"
    if char == "\x00":
        return "remove the NUL bytes, e.g. `tr -d '\\000'`, and check the file is plain text"
    return ("replace it by a space, or split the sentence into two lines in both files of "
            "the pair (a line ends only at \\n, as `wc -l` counts)")


def first_forbidden(line):
    """(column, char) of the first forbidden character of `line` (column from 1), or None."""
    for column, char in enumerate(line, 1):
        if is_forbidden(char):
            return column, char
    return None


def normalise_line(line):
    """The documented rule for corpora the user cannot edit: each forbidden character -> space.
    Returns (line, how many characters were replaced)."""
    replaced = sum(1 for char in line if is_forbidden(char))
    if not replaced:
        return line, 0
    return "".join(" " if is_forbidden(char) else char for char in line), replaced
