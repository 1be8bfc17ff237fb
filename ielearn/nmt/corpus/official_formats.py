"""Readers for the official distribution formats of IWSLT and WMT evaluation data.

- IWSLT `train.tags.<pair>.<lang>`: one sentence per line between metadata lines such as
  `<url>`, `<talkid>`, `<speaker>`; like fairseq's prepare-iwslt scripts, metadata lines are
  dropped but the text of `<title>` and `<description>` lines is kept (it is translated too).
- IWSLT `*.xml` (dev/tst sets): one `<seg id="N">` element per sentence, in `<doc>` elements.
- WMT `*.sgm`: SGML (not always well-formed XML) with one `<seg id="N">` per line; the text is
  taken as is, like sacrebleu does.
- WMT plain text: one sentence per line.
Lines end at LF only; control and line-separator characters become spaces, counted in the log
(the user cannot edit these archives; ielearn/nmt/corpus/characters.py).
"""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from ielearn.errors import UserError
from ielearn.nmt.corpus.files import read_text_file

KEPT_TAGS = re.compile(r"^\s*<(title|description)>(.*)</\1>\s*$")
SGM_SEGMENT = re.compile(r"<seg[^>]*>(.*)</seg>")


def read_tags_file(path):
    """Sentences of an IWSLT train.tags file."""
    lines = []
    for line in read_text_file(path, "IWSLT training file", normalise=True):
        kept = KEPT_TAGS.match(line)
        if kept:
            lines.append(kept.group(2).strip())
        elif not line.lstrip().startswith("<"):
            lines.append(line.strip())
    return lines


def read_xml_segments(path):
    """Text of every <seg> of an IWSLT XML file, in document order."""
    try:
        root = ElementTree.parse(path).getroot()
    except FileNotFoundError:
        raise UserError(f"IWSLT file not found: {path}") from None
    except ElementTree.ParseError as error:
        raise UserError(f"{path}: not well-formed IWSLT XML ({error})") from None
    return [" ".join("".join(seg.itertext()).split()) for seg in root.iter("seg")]


def read_sgm_segments(path):
    """Text of every <seg> line of a WMT .sgm file."""
    segments = []
    for line in read_text_file(path, "WMT SGML file", normalise=True):
        match = SGM_SEGMENT.search(line)
        if match:
            segments.append(" ".join(match.group(1).split()))
    return segments


def read_plain(path):
    """Lines of a WMT plain-text file (one sentence per line)."""
    return [line.strip() for line in read_text_file(path, "WMT text file", normalise=True)]


def read_any(path):
    """Segments of an official file, chosen by its name."""
    name = Path(path).name
    if name.endswith(".xml"):
        return read_xml_segments(path)
    if name.endswith(".sgm"):
        return read_sgm_segments(path)
    if name.startswith("train.tags."):
        return read_tags_file(path)
    return read_plain(path)

