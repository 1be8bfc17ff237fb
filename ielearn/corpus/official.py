"""The paper's corpora, IWSLT'17 FR-EN and WMT'14 DE-EN: which files make which split, where
to download them, and one clear error when they can be neither found nor downloaded.

Files are looked up by name anywhere under the corpus directory (resources/<corpus>/), so a
user without network can unpack the official archives there by hand.
"""

import hashlib
import logging
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from ielearn.corpus.official_formats import read_any
from ielearn.errors import UserError
from ielearn.io import atomic_directory

log = logging.getLogger(__name__)

IWSLT17_VALID = ["dev2010", "tst2010", "tst2011", "tst2012", "tst2013", "tst2014", "tst2015"]
WIT3_TEST = "https://raw.githubusercontent.com/hlt-mt/WIT3/master/archive/2017-01-ted-test/texts"

# Each archive: (mirrors tried in order, md5 or None). Train and dev sets come from the
# 2017-01-trnted release (wit3.fbk.eu is gone; the Hugging Face hub keeps a copy); the
# tst2017 references from the 2017-01-ted-test release that sacrebleu also uses.
ARCHIVES = {
    "iwslt17": [
        (["https://huggingface.co/datasets/IWSLT/iwslt2017/resolve/main/data/2017-01-trnted/texts/fr/en/fr-en.zip",
          "https://wit3.fbk.eu/archive/2017-01-trnted/texts/fr/en/fr-en.tgz"], None),
        ([f"{WIT3_TEST}/fr/en/fr-en.tgz"], "79bf7a2ef02d226875f55fb076e7e473"),
        ([f"{WIT3_TEST}/en/fr/en-fr.tgz"], "1849bcc3b006dc0642a8843b11aa7192"),
    ],
    "wmt14": [
        (["https://www.statmt.org/wmt13/training-parallel-europarl-v7.tgz"], None),
        (["https://www.statmt.org/wmt13/training-parallel-commoncrawl.tgz"], None),
        (["https://www.statmt.org/wmt14/training-parallel-nc-v9.tgz"], None),
        (["https://www.statmt.org/wmt14/dev.tgz"], None),
        (["https://www.statmt.org/wmt14/test-full.tgz"], "a8cd784e006feb32ac6f3d9ec7eb389a"),
    ],
}
LANGUAGES = {"iwslt17": {"fr", "en"}, "wmt14": {"de", "en"}}


def split_files(corpus, src, tgt):
    """{split: [(source file name, target file name), ...]} of an official corpus."""
    if corpus == "iwslt17":
        pair = "fr-en"  # train and dev exist for both directions; fr-en is the paper's
        return {
            "train": [(f"train.tags.{pair}.{src}", f"train.tags.{pair}.{tgt}")],
            "valid": [(f"IWSLT17.TED.{name}.{pair}.{src}.xml", f"IWSLT17.TED.{name}.{pair}.{tgt}.xml")
                      for name in IWSLT17_VALID],
            # the tst2017 reference is the source file of the opposite direction
            "test": [(f"IWSLT17.TED.tst2017.{src}-{tgt}.{src}.xml",
                      f"IWSLT17.TED.tst2017.{tgt}-{src}.{tgt}.xml")],
        }
    if corpus == "wmt14":
        return {
            "train": [(f"{name}.de-en.{src}", f"{name}.de-en.{tgt}")
                      for name in ("europarl-v7", "commoncrawl", "news-commentary-v9")],
            "valid": [("newstest2013." + src, "newstest2013." + tgt)],
            "test": [(f"newstest2014-deen-src.{src}.sgm", f"newstest2014-deen-ref.{tgt}.sgm")],
        }
    raise ValueError(f"unknown corpus {corpus}")


def needed_files(corpus, src, tgt):
    return sorted({name for pairs in split_files(corpus, src, tgt).values()
                   for pair in pairs for name in pair})


def locate(directory, names):
    """{name: path} of the files found anywhere under `directory`."""
    found = {}
    for path in sorted(Path(directory).rglob("*")):
        if path.name in names and path.is_file():
            found.setdefault(path.name, path)
    return found


def missing_files_error(corpus, directory, missing, reason):
    urls = "; ".join(mirrors[0] for mirrors, _ in ARCHIVES[corpus])
    return UserError(
        f"{corpus}: {reason}. Missing: {', '.join(missing)}. Download the official archives "
        f"({urls}) on a connected machine and unpack them anywhere under {directory}/ "
        "(the files are found by name), then rerun"
    )


def _fetch(url, target, md5):
    with urllib.request.urlopen(url, timeout=60) as response, open(target, "wb") as out:
        shutil.copyfileobj(response, out)
    if md5 is not None:
        digest = hashlib.md5(Path(target).read_bytes()).hexdigest()
        if digest != md5:
            raise OSError(f"{url}: md5 {digest} differs from the expected {md5}")


def download_archive(mirrors, md5, directory):
    """Fetch the first reachable mirror and unpack it into `directory`; raise OSError if none."""
    errors = []
    for url in mirrors:
        with tempfile.TemporaryDirectory(dir=directory) as tmp:
            target = Path(tmp) / url.rsplit("/", 1)[1]
            try:
                log.info("downloading %s", url)
                _fetch(url, target, md5)
            except (OSError, urllib.error.URLError) as error:
                errors.append(f"{url}: {error}")
                continue
            shutil.unpack_archive(target, directory, filter="data")  # no paths outside
            return
    raise OSError("; ".join(errors))


def both_directions(corpus):
    """Every file either translation direction of `corpus` reads."""
    first, second = sorted(LANGUAGES[corpus])
    return sorted(set(needed_files(corpus, first, second)) | set(needed_files(corpus, second, first)))


def download_corpus(corpus, directory):
    """Download and unpack the official archives of `corpus` into `directory`, atomically."""
    names = both_directions(corpus)
    with atomic_directory(directory) as tmp:
        for mirrors, md5 in ARCHIVES[corpus]:
            try:
                download_archive(mirrors, md5, tmp)
            except OSError as error:
                missing = sorted(set(names) - set(locate(tmp, names)))
                raise missing_files_error(
                    corpus, directory, missing, f"cannot download (offline?): {error}"
                ) from None
        missing = sorted(set(names) - set(locate(tmp, names)))
        if missing:
            raise missing_files_error(corpus, directory, missing, "the archives lack files")


def read_official_corpus(corpus, directory, src, tgt):
    """{split: (source lines, target lines)} read from the official files under `directory`."""
    names = needed_files(corpus, src, tgt)
    found = locate(directory, names)
    missing = sorted(set(names) - set(found))
    if missing:
        raise missing_files_error(corpus, directory, missing, "files not found")
    corpus_splits = {}
    for split, pairs in split_files(corpus, src, tgt).items():
        sources, targets = [], []
        for src_name, tgt_name in pairs:
            src_lines, tgt_lines = read_any(found[src_name]), read_any(found[tgt_name])
            if len(src_lines) != len(tgt_lines):
                raise UserError(
                    f"{found[src_name]} has {len(src_lines)} segments but {found[tgt_name]} "
                    f"has {len(tgt_lines)}; replace them with the official files"
                )
            for source, target in zip(src_lines, tgt_lines):
                if split != "train" or (source and target):  # empty train lines teach nothing
                    sources.append(source)
                    targets.append(target)
        corpus_splits[split] = (sources, targets)
    return corpus_splits
