"""Harvesting a corpus from translation catalogs the tests write with polib."""

import pytest

from ielearn.errors import UserError
from ielearn.nmt.corpus.catalogs import catalog_members, wheel_messages
from ielearn.nmt.corpus.gettext import gettext_corpus, harvest_pairs
from ielearn.nmt.corpus.messages import rejection_reason
from ielearn.nmt.corpus.split import split_by_key

from gettext_fixtures import EMPTY, FUZZY, GOOD, OBSOLETE, PLURAL, REJECTED, make_two_wheels

DATASET = {"src_lang": "fr", "tgt_lang": "en", "min_words": 3, "max_words": 60, "seed": 1,
           "sizes": {"valid": 2, "test": 2}}


def test_catalog_members_prefer_po_and_match_the_language_only():
    names = ["a/locale/fr/LC_MESSAGES/django.mo", "a/locale/fr/LC_MESSAGES/django.po",
             "a/locale/fr_FR/LC_MESSAGES/js.mo", "a/locale/fr_CA/LC_MESSAGES/django.po",
             "a/locale/de/LC_MESSAGES/django.po", "a/locale/fr/LC_MESSAGES/notes.txt",
             "a/i18n/fr.json"]
    assert catalog_members(names, "fr") == ["a/locale/fr/LC_MESSAGES/django.po",
                                            "a/locale/fr_FR/LC_MESSAGES/js.mo"]


@pytest.mark.parametrize("english,reason", sorted(REJECTED.items()))
def test_each_rejection_reason(english, reason):
    assert rejection_reason(english, english + " traduit", 3, 60) == reason


def test_clean_pairs_and_100_percent_are_kept():
    for english, french in GOOD:
        assert rejection_reason(english, french, 3, 60) is None
    assert rejection_reason("Same text in both", "Same text in both", 3, 60) == "untranslated"
    assert rejection_reason("Save the file", "Enregistrer le %s", 3, 60) == "placeholder"


def test_harvest_filters_po_and_mo_catalogs(tmp_path):
    wheels = make_two_wheels(tmp_path)
    messages = list(wheel_messages(wheels[1][1], "fr"))  # only a compiled .mo in this wheel
    assert {english for _, english, _ in messages} >= {GOOD[4][0], PLURAL[0]}
    pairs, counts = harvest_pairs(wheels, "fr", 3, 60)
    kept = {(package, english, french) for package, english, french in pairs}
    expected = {("alpha==1.0", e, f) for e, f in GOOD[:4]} | {("beta==2.0", e, f) for e, f in GOOD[4:]}
    expected |= {("alpha==1.0", PLURAL[0], PLURAL[2])}  # the singular form of the plural entry
    assert kept == expected
    all_text = " ".join(english + french for _, english, french in pairs)
    for dropped in (FUZZY[0], OBSOLETE[0], EMPTY, PLURAL[1], PLURAL[3], "German", *REJECTED):
        assert dropped not in all_text
    # the .mo wheel repeats alpha's catalog: its copies and the case/punctuation variant are
    # duplicates; the compiled .mo has no fuzzy or obsolete entries left
    assert counts["beta==2.0"]["duplicate"] == 6
    assert counts["alpha==1.0"]["placeholder"] == 5 and counts["alpha==1.0"]["kept"] == 5


def test_split_is_disjoint_deterministic_and_sized(tmp_path):
    wheels = make_two_wheels(tmp_path)
    splits, _ = gettext_corpus(wheels, DATASET, "dataset 'g'")
    again, _ = gettext_corpus(wheels, DATASET, "dataset 'g'")
    assert splits == again
    assert len(splits["valid"]) == 2 and len(splits["test"]) == 2 and len(splits["train"]) == 3
    english = {split: {pair[1].casefold().rstrip(".?") for pair in pairs} for split, pairs in splits.items()}
    assert not english["train"] & english["valid"] and not english["train"] & english["test"]
    assert not english["valid"] & english["test"]
    other_seed, _ = gettext_corpus(wheels, dict(DATASET, seed=2), "dataset 'g'")
    assert other_seed != splits  # the seed, not the file order, draws the split


def test_split_by_key_keeps_each_key_in_one_split_at_scale():
    keys = [f"message number {i}" for i in range(5000)]
    splits = split_by_key(keys, keys, {"valid": 1000, "test": 1000}, 7, "x")
    assert [len(splits[s]) for s in ("train", "valid", "test")] == [3000, 1000, 1000]
    assert set(splits["train"]) | set(splits["valid"]) | set(splits["test"]) == set(keys)
    assert not set(splits["valid"]) & set(splits["test"])


def test_too_few_pairs_is_a_user_error(tmp_path):
    wheels = make_two_wheels(tmp_path)
    with pytest.raises(UserError, match=r"dataset 'g': only 7 clean pairs, but valid \+ test ask for 2000"):
        gettext_corpus(wheels, dict(DATASET, sizes={"valid": 1000, "test": 1000}), "dataset 'g'")
