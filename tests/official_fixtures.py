"""Small files in the official IWSLT'17 and WMT'14 formats and layouts, for the readers' and the
downloads' tests."""

import tarfile
import zipfile

from ielearn.nmt.corpus import official

TAGS_FR = """<url>http://www.ted.com/talks/a_talk.html</url>
<keywords>talks, science</keywords>
<speaker>Jane Doe</speaker>
<talkid>1</talkid>
<title>Jane Doe : Une idée</title>
<description>TED Talk : une idée simple.</description>
Merci beaucoup.
 C'est génial d'être ici. 
<reviewer href="x">Someone</reviewer>
<translator href="y">Someone else</translator>
Au revoir.
"""
TAGS_EN = """<url>http://www.ted.com/talks/a_talk.html</url>
<keywords>talks, science</keywords>
<speaker>Jane Doe</speaker>
<talkid>1</talkid>
<title>Jane Doe: An idea</title>
<description>TED Talk: a simple idea.</description>
Thank you so much.
It's great to be here.
<reviewer href="x">Someone</reviewer>
<translator href="y">Someone else</translator>
Goodbye.
"""


def iwslt_xml(segments, lang, talk="1"):
    segs = "\n".join(f'<seg id="{i}"> {text} </seg>' for i, text in enumerate(segments, 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<mteval>\n<srcset setid="iwslt2017-dev" '
            f'srclang="{lang}">\n<doc docid="{talk}" genre="lectures">\n<url>http://x</url>\n'
            f"<talkid>{talk}</talkid>\n<title>Title</title>\n{segs}\n</doc>\n</srcset>\n</mteval>\n")


def wmt_sgm(segments, lang):
    segs = "\n".join(f'<seg id="{i}">{text}</seg>' for i, text in enumerate(segments, 1))
    return (f'<srcset setid="newstest2014" srclang="any">\n<doc sysid="ref" docid="d1" '
            f'genre="news" origlang="{lang}">\n<p>\n{segs}\n</p>\n</doc>\n</srcset>\n')


def write_iwslt17(root):
    """The official IWSLT'17 FR-EN files, in the archives' sub-directories."""
    (root / "fr-en").mkdir(parents=True)
    (root / "en-fr").mkdir()
    (root / "fr-en/train.tags.fr-en.fr").write_text(TAGS_FR)
    (root / "fr-en/train.tags.fr-en.en").write_text(TAGS_EN)
    for n, name in enumerate(official.IWSLT17_VALID):
        for lang in ("fr", "en"):
            text = [f"{name} {lang} phrase {i}" for i in range(n + 1)]
            (root / f"fr-en/IWSLT17.TED.{name}.fr-en.{lang}.xml").write_text(iwslt_xml(text, lang))
    (root / "fr-en/IWSLT17.TED.tst2017.fr-en.fr.xml").write_text(iwslt_xml(["Test fr.", "Deux."], "fr"))
    (root / "en-fr/IWSLT17.TED.tst2017.en-fr.en.xml").write_text(iwslt_xml(["Test en.", "Two."], "en"))


def write_wmt14(root):
    """The official WMT'14 DE-EN files (both directions' test sets), in the archives' folders."""
    for folder in ("training", "dev", "test-full"):
        (root / folder).mkdir(parents=True)
    for name in ("europarl-v7", "news-commentary-v9"):
        (root / f"training/{name}.de-en.de").write_text(f"{name} Satz .\n\nZwei .\n")
        (root / f"training/{name}.de-en.en").write_text(f"{name} sentence .\nlost\nTwo .\n")
    (root / "commoncrawl.de-en.de").write_text("Hallo Welt\n")
    (root / "commoncrawl.de-en.en").write_text("Hello world\n")
    (root / "dev/newstest2013.de").write_text("Guten Tag .\n")
    (root / "dev/newstest2013.en").write_text("Good day .\n")
    for kind, lang, text in (("src", "de", "Ein Test ."), ("ref", "en", "A test ."),
                             ("src", "en", "A test ."), ("ref", "de", "Ein Test .")):
        (root / f"test-full/newstest2014-deen-{kind}.{lang}.sgm").write_text(wmt_sgm([text], "de"))


def _pack_tgz(path, root, members):
    with tarfile.open(path, "w:gz") as tar:
        for member in members:
            tar.add(root / member, arcname=member)
    return path


def pack_iwslt17(tmp_path):
    """The IWSLT'17 FR-EN archives as WIT3 publishes them, from write_iwslt17's files:
    {name: path} of the train/dev release (2017-01-trnted, as tgz and as the Hugging Face
    hub's zip) and of the two tst2017 archives (2017-01-ted-test), each holding one
    <src>-<tgt>/ folder."""
    files = tmp_path / "official"
    write_iwslt17(files)
    train_dev = sorted(p.name for p in (files / "fr-en").iterdir() if ".tst2017." not in p.name)
    (files / "fr-en/README").write_text("IWSLT 2017 fr-en train and dev sets\n")
    train_dev = ["fr-en/README"] + [f"fr-en/{name}" for name in train_dev]
    out = tmp_path / "archives"
    out.mkdir()
    with zipfile.ZipFile(out / "fr-en.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        for member in train_dev:
            bundle.write(files / member, member)
    return {
        "train-dev.tgz": _pack_tgz(out / "fr-en.tgz", files, train_dev),
        "train-dev.zip": out / "fr-en.zip",
        "test-fr-en.tgz": _pack_tgz(out / "test-fr-en.tgz", files, ["fr-en/IWSLT17.TED.tst2017.fr-en.fr.xml"]),
        "test-en-fr.tgz": _pack_tgz(out / "test-en-fr.tgz", files, ["en-fr/IWSLT17.TED.tst2017.en-fr.en.xml"]),
    }


def pack_wmt14(tmp_path):
    """{archive name: path} of the five WMT'14 archives, laid out as statmt.org's."""
    files = tmp_path / "official-wmt14"
    write_wmt14(files)
    out = tmp_path / "archives-wmt14"
    out.mkdir()
    contents = {
        "wmt14-europarl-v7": ["training/europarl-v7.de-en.de", "training/europarl-v7.de-en.en"],
        "wmt14-commoncrawl": ["commoncrawl.de-en.de", "commoncrawl.de-en.en"],
        "wmt14-news-commentary-v9": ["training/news-commentary-v9.de-en.de",
                                     "training/news-commentary-v9.de-en.en"],
        "wmt14-dev": ["dev/newstest2013.de", "dev/newstest2013.en"],
        "wmt14-test-full": sorted(f"test-full/{p.name}" for p in (files / "test-full").iterdir()),
    }
    return {name: _pack_tgz(out / f"{name}.tgz", files, members) for name, members in contents.items()}
