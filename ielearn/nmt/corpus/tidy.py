"""The last step of every corpus source: what a later stage would trip over is fixed here by
documented rules, counted in the log and the data card, never silently.

- Forbidden characters (characters.py) become spaces. A user's own files never get here
  with one: they are refused when read (files.py).
- A valid or test pair with a blank side is dropped from both sides: a blank line would be
  translated and scored as if it were a sentence. Train pairs with a blank side are dropped
  by the length filter later, as every too-short pair is.
"""

import logging

from ielearn.errors import UserError
from ielearn.nmt.corpus.characters import normalise_line

log = logging.getLogger(__name__)
SCORED_SPLITS = ("valid", "test")


def _normalised(lines):
    fixed = [normalise_line(line) for line in lines]
    return [line for line, _ in fixed], sum(count for _, count in fixed)


def tidy_corpus(corpus, what):
    """({split: (src, tgt)} with the rules above applied, [data card notes])."""
    tidy, notes = {}, []
    for split, (src, tgt) in corpus.items():
        (src, src_fixed), (tgt, tgt_fixed) = _normalised(src), _normalised(tgt)
        if src_fixed + tgt_fixed:
            notes.append(f"{split}: {src_fixed + tgt_fixed} control or line-separator "
                         "characters replaced by spaces.")
        if split in SCORED_SPLITS:
            blank = [n for n, pair in enumerate(zip(src, tgt), 1) if not all(s.strip() for s in pair)]
            if blank:
                kept = [pair for pair in zip(src, tgt) if all(s.strip() for s in pair)]
                if not kept:
                    raise UserError(f"{what}: every {split} pair has a blank side")
                src, tgt = map(list, zip(*kept))
                notes.append(f"{split}: {len(blank)} pairs with a blank side dropped from both "
                             f"sides (lines {', '.join(map(str, blank[:10]))}"
                             f"{', ...' if len(blank) > 10 else ''} of the source's order).")
        tidy[split] = (src, tgt)
    for note in notes:
        log.warning("%s: %s", what, note)
    return tidy, notes
