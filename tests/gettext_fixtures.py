"""Tiny wheels with translation catalogs written by polib, for the gettext corpus tests."""

import zipfile

import polib

GOOD = [  # (msgid, msgstr) pairs every filter keeps
    ("Unable to retrieve the list of volumes.", "Impossible de récupérer la liste des volumes."),
    ("Your password has been changed successfully.", "Votre mot de passe a été modifié avec succès."),
    ("Please select a different filter to edit", "Veuillez choisir un autre filtre à modifier"),
    ("The event has already ended.", "L'événement est déjà terminé."),
    ("Do you really want to delete this file?", "Voulez-vous vraiment supprimer ce fichier ?"),
    ("About 100% of the rows were imported.", "Environ 100% des lignes ont été importées."),
]
REJECTED = {  # msgid -> why it must not be kept (msgstr in brackets where it matters)
    "The file %s could not be opened.": "placeholder",
    "Welcome back, %(name)s, to the site.": "placeholder",
    "Delete {count} selected items now.": "placeholder",
    "Item {0} of the list is broken.": "placeholder",
    "Click <b>here</b> to continue.": "markup",
    "Terms &amp; conditions of the shop": "markup",
    "&Open the recent file": "accelerator",
    "_Save the family tree": "accelerator",
    "Ma_ximum age to marry": "accelerator",
    "Get 20%% off when you buy three": "placeholder",
    "Save changes": "too short",
    " ".join(["word"] * 61): "too long",
}
FUZZY = ("This sentence is still fuzzy here.", "Cette phrase est encore approximative ici.")
OBSOLETE = ("This message was removed long ago.", "Ce message a été supprimé il y a longtemps.")
EMPTY = "Nobody translated this message yet."
PLURAL = ("One file was deleted just now.", "Many files were deleted just now.",
          "Un fichier vient d'être supprimé.", "Plusieurs fichiers viennent d'être supprimés.")
DUPLICATE = ("unable to retrieve the list of volumes", "impossible de récupérer la liste")


def make_catalog(extra=()):
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    for msgid, msgstr in GOOD[:4] + list(extra):
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    for msgid in REJECTED:
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgid.replace("the", "le") + " FR"))
    catalog.append(polib.POEntry(msgid=FUZZY[0], msgstr=FUZZY[1], flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid=OBSOLETE[0], msgstr=OBSOLETE[1], obsolete=True))
    catalog.append(polib.POEntry(msgid=EMPTY, msgstr=""))
    catalog.append(polib.POEntry(msgid=PLURAL[0], msgid_plural=PLURAL[1],
                                 msgstr_plural={0: PLURAL[2], 1: PLURAL[3]}))
    return catalog


def make_wheel(path, catalogs):
    """A wheel (zip) holding {member name: polib catalog}, saved as .po or .mo by the name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.parent / ".scratch"
    scratch.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("pkg/__init__.py", "")
        for member, catalog in catalogs.items():
            target = scratch / member.replace("/", "_")
            if member.endswith(".mo"):
                catalog.save_as_mofile(str(target))
            else:
                catalog.save(str(target))
            wheel.write(target, member)
    return path


def make_two_wheels(root):
    """[(pin, wheel)]: one wheel with .po catalogs, one with only a compiled .mo."""
    first = make_wheel(root / "alpha-1.0-py3-none-any.whl", {
        "alpha/locale/fr/LC_MESSAGES/django.po": make_catalog(),
        "alpha/locale/de/LC_MESSAGES/django.po": make_catalog([("German only, not French.", "Nur Deutsch, nicht Französisch.")]),
    })
    second = make_wheel(root / "beta-2.0-py3-none-any.whl", {
        "beta/share/locale/fr_FR/LC_MESSAGES/beta.mo": make_catalog(GOOD[4:] + [DUPLICATE]),
    })
    return [("alpha==1.0", first), ("beta==2.0", second)]
