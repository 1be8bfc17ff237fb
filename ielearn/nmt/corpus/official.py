"""The paper's corpora, IWSLT'17 FR-EN and WMT'14 DE-EN: which files make which split, where
to download them, and one clear error when they can be neither found nor downloaded.

Files are looked up by name anywhere under the corpus directory (resources/<corpus>/), so a
user without network can unpack the official archives there by hand.
"""

import logging
from pathlib import Path

from ielearn.errors import UserError
from ielearn.io import atomic_directory
from ielearn.nmt.corpus.official_formats import read_any
from ielearn.nmt.download.fetch import DownloadFailed
from ielearn.nmt.download.mirrors import Archive, Mirror, Transfer, download_archive

log = logging.getLogger(__name__)

IWSLT17_VALID = ["dev2010", "tst2010", "tst2011", "tst2012", "tst2013", "tst2014", "tst2015"]
WIT3 = "https://raw.githubusercontent.com/hlt-mt/WIT3/master/archive"
HF_IWSLT = "https://huggingface.co/datasets/IWSLT/iwslt2017/resolve/main/data"

# The archives of each corpus, by name (the key of `downloads.mirrors` in config.yaml), with
# their mirrors in the order tried. wit3.fbk.eu is gone since 2021; the hlt-mt/WIT3 GitHub
# repository keeps its archives (URLs and md5 sums as sacrebleu 2.6 lists them), the Hugging
# Face hub a zip of the train/dev release (no published checksum).
ARCHIVES = {
    "iwslt17": [
        Archive("iwslt17-fr-en-train-dev", (
            Mirror(f"{WIT3}/2017-01-trnted/texts/fr/en/fr-en.tgz", "md5:19927da9de0f40348cad9c0fc61642ac"),
            Mirror(f"{HF_IWSLT}/2017-01-trnted/texts/fr/en/fr-en.zip"),
        )),
        Archive("iwslt17-fr-en-test", (
            Mirror(f"{WIT3}/2017-01-ted-test/texts/fr/en/fr-en.tgz", "md5:79bf7a2ef02d226875f55fb076e7e473"),
        )),
        Archive("iwslt17-en-fr-test", (
            Mirror(f"{WIT3}/2017-01-ted-test/texts/en/fr/en-fr.tgz", "md5:1849bcc3b006dc0642a8843b11aa7192"),
        )),
    ],
    "wmt14": [
        Archive("wmt14-europarl-v7", (Mirror("https://www.statmt.org/wmt13/training-parallel-europarl-v7.tgz"),)),
        Archive("wmt14-commoncrawl", (Mirror("https://www.statmt.org/wmt13/training-parallel-commoncrawl.tgz"),)),
        Archive("wmt14-news-commentary-v9", (Mirror("https://www.statmt.org/wmt14/training-parallel-nc-v9.tgz"),)),
        Archive("wmt14-dev", (Mirror("https://www.statmt.org/wmt14/dev.tgz"),)),
        Archive("wmt14-test-full", (
            Mirror("https://www.statmt.org/wmt14/test-full.tgz", "md5:a8cd784e006feb32ac6f3d9ec7eb389a"),
        )),
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
    urls = "; ".join(archive.mirrors[0].url for archive in ARCHIVES[corpus])
    return UserError(
        f"{corpus}: {reason}. Missing: {', '.join(missing)}. Download the official archives "
        f"({urls}) on a connected machine and unpack them anywhere under {directory}/ "
        "(the files are found by name), then rerun"
    )


def both_directions(corpus):
    """Every file either translation direction of `corpus` reads."""
    first, second = sorted(LANGUAGES[corpus])
    return sorted(set(needed_files(corpus, first, second)) | set(needed_files(corpus, second, first)))


def archives(corpus, mirrors=None):
    """The archives of `corpus`, with the mirrors config.yaml lists (`downloads.mirrors`:
    {archive name: [{url, md5 | sha256}]}) in place of the built-in ones."""
    mirrors = mirrors or {}  # names are checked by the schema against ARCHIVES
    chosen = []
    for archive in ARCHIVES[corpus]:
        if archive.name in mirrors:
            listed = tuple(Mirror(entry["url"], _checksum(entry)) for entry in mirrors[archive.name])
            archive = Archive(archive.name, listed)
        chosen.append(archive)
    return chosen


def _checksum(entry):
    algorithm = next((key for key in ("sha256", "md5") if entry.get(key)), None)
    return f"{algorithm}:{entry[algorithm]}" if algorithm else None


def download_corpus(corpus, directory, mirrors=None, transfer=Transfer()):
    """Download and unpack the official archives of `corpus` into `directory`, atomically:
    `directory` appears only once every archive is unpacked and every needed file is there."""
    names = both_directions(corpus)
    with atomic_directory(directory) as tmp:
        for archive in archives(corpus, mirrors):
            try:
                download_archive(archive, tmp, transfer)
            except DownloadFailed as error:
                missing = sorted(set(names) - set(locate(tmp, names)))
                raise missing_files_error(corpus, directory, missing, f"cannot download: {error}") from None
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
