"""IWSLT'17 and WMT'14 readers on small files in the official formats (downloads: test_downloads.py)."""

import pytest

from ielearn.errors import UserError
from ielearn.nmt.corpus import official
from ielearn.nmt.corpus.official import read_official_corpus
from ielearn.nmt.corpus.official_formats import read_sgm_segments, read_tags_file, read_xml_segments
from official_fixtures import TAGS_FR, iwslt_xml, wmt_sgm, write_iwslt17, write_wmt14


def test_tags_file_drops_metadata_and_keeps_title_and_description(tmp_path):
    (tmp_path / "train.tags.fr-en.fr").write_text(TAGS_FR)
    assert read_tags_file(tmp_path / "train.tags.fr-en.fr") == [
        "Jane Doe : Une idée", "TED Talk : une idée simple.", "Merci beaucoup.",
        "C'est génial d'être ici.", "Au revoir."]


def test_xml_segments_unescape_entities_and_ignore_metadata(tmp_path):
    path = tmp_path / "IWSLT17.TED.dev2010.fr-en.en.xml"
    path.write_text(iwslt_xml(["Rock &amp; roll.", "Two  spaces\there."], "en"))
    assert read_xml_segments(path) == ["Rock & roll.", "Two spaces here."]
    path.write_text("<mteval><seg id='1'>broken</mteval>")
    with pytest.raises(UserError, match="not well-formed IWSLT XML"):
        read_xml_segments(path)


def test_sgm_is_read_line_by_line_even_when_not_xml(tmp_path):
    path = tmp_path / "newstest2014-deen-ref.en.sgm"
    path.write_text(wmt_sgm(["AT&T said < 5 % .", "Second one."], "de"))
    assert read_sgm_segments(path) == ["AT&T said < 5 % .", "Second one."]


def test_iwslt17_splits_follow_the_papers_recipe(tmp_path):
    write_iwslt17(tmp_path / "iwslt17")
    corpus = read_official_corpus("iwslt17", tmp_path / "iwslt17", "fr", "en")
    assert corpus["train"][0][2] == "Merci beaucoup." and corpus["train"][1][2] == "Thank you so much."
    assert len(corpus["train"][0]) == 5
    valid_src, valid_tgt = corpus["valid"]
    assert len(valid_src) == sum(range(1, 8))  # dev2010 + tst2010..tst2015, in that order
    assert valid_src[0] == "dev2010 fr phrase 0" and valid_tgt[-1] == "tst2015 en phrase 6"
    assert corpus["test"] == (["Test fr.", "Deux."], ["Test en.", "Two."])
    reverse = read_official_corpus("iwslt17", tmp_path / "iwslt17", "en", "fr")
    assert reverse["train"] == corpus["train"][::-1]


def test_wmt14_reads_plain_training_and_sgm_test(tmp_path):
    root = tmp_path / "wmt14"
    write_wmt14(root)
    corpus = read_official_corpus("wmt14", root, "de", "en")
    assert corpus["train"] == (["europarl-v7 Satz .", "Zwei .", "Hallo Welt",
                                "news-commentary-v9 Satz .", "Zwei ."],
                               ["europarl-v7 sentence .", "Two .", "Hello world",
                                "news-commentary-v9 sentence .", "Two ."])  # empty side dropped
    assert corpus["valid"] == (["Guten Tag ."], ["Good day ."])
    assert corpus["test"] == (["Ein Test ."], ["A test ."])


def test_misaligned_official_files_name_both(tmp_path):
    write_iwslt17(tmp_path / "iwslt17")
    (tmp_path / "iwslt17/en-fr/IWSLT17.TED.tst2017.en-fr.en.xml").write_text(iwslt_xml(["One."], "en"))
    with pytest.raises(UserError, match=r"tst2017\.fr-en\.fr\.xml has 2 segments but .*en-fr\.en\.xml has 1"):
        read_official_corpus("iwslt17", tmp_path / "iwslt17", "fr", "en")


def test_missing_files_say_where_to_put_them(tmp_path):
    with pytest.raises(UserError) as error:
        read_official_corpus("wmt14", tmp_path / "resources/wmt14", "de", "en")
    message = str(error.value)
    assert "newstest2014-deen-src.de.sgm" in message and "resources/wmt14/" in message
    assert "https://www.statmt.org/wmt14/test-full.tgz" in message
