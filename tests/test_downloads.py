"""The download code against a real HTTP server on 127.0.0.1 serving archives in the official
IWSLT'17 layouts (zip and tgz): mirrors falling back, checksums, dropped connections, unsafe
archives, and the Snakemake target that downloads through it."""

import hashlib
import io
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_snakemake, write_config
from http_mirror import HttpMirror
from ielearn.errors import UserError
from ielearn.nmt.corpus import official
from ielearn.nmt.corpus.official import download_corpus, read_official_corpus
from ielearn.nmt.download.mirrors import Transfer
from ielearn.nmt.download.unpack import CorruptArchive, UnsafeArchive, unpack
from official_fixtures import pack_iwslt17, pack_wmt14

FAST = Transfer(timeout=3, attempts=2, wait=0)  # generous: a loaded CI machine is slow
TEST_PAIRS = (["Test fr.", "Deux."], ["Test en.", "Two."])


def md5(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


@pytest.fixture
def archives(tmp_path):
    return pack_iwslt17(tmp_path)


@pytest.fixture
def server():
    with HttpMirror(stall_seconds=6) as mirror:  # longer than FAST.timeout
        yield mirror


def serve_iwslt17(server, archives, train_dev=None):
    """downloads.mirrors for IWSLT'17 with both test archives served whole and the train/dev
    archive's mirrors as given ([(path, archive key, md5 or None, *failures)])."""
    train_dev = train_dev or [("/trnted/fr-en.tgz", "train-dev.tgz", None)]
    mirrors = {"iwslt17-fr-en-train-dev": []}
    for path, key, checksum, *failures in train_dev:
        url = server.serve(path, archives[key].read_bytes(), *failures)
        mirrors["iwslt17-fr-en-train-dev"].append({"url": url, **({"md5": checksum} if checksum else {})})
    for name, key in (("iwslt17-fr-en-test", "test-fr-en.tgz"), ("iwslt17-en-fr-test", "test-en-fr.tgz")):
        url = server.serve(f"/ted-test/{key}", archives[key].read_bytes())
        mirrors[name] = [{"url": url, "md5": md5(archives[key])}]
    return mirrors


def assert_nothing_left(target):
    assert not target.exists()
    assert list(target.parent.iterdir()) == [] if target.parent.exists() else True


# --- unpacking -------------------------------------------------------------------------


def tree(directory):
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def test_zip_and_tgz_unpack_to_the_same_official_layout(tmp_path, archives):
    unpack(archives["train-dev.zip"], tmp_path / "from_zip")
    unpack(archives["train-dev.tgz"], tmp_path / "from_tgz")
    files = tree(tmp_path / "from_zip")
    assert files == tree(tmp_path / "from_tgz")
    assert {"fr-en/train.tags.fr-en.fr", "fr-en/IWSLT17.TED.dev2010.fr-en.en.xml",
            "fr-en/IWSLT17.TED.tst2015.fr-en.fr.xml", "fr-en/README"} <= set(files)


def zip_with(tmp_path, name, data=b"x", mode=None):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("fr-en/ok.txt", b"fine")
        info = zipfile.ZipInfo(name)
        if mode is not None:
            info.external_attr = mode << 16
        bundle.writestr(info, data)
    return path


def tar_with(tmp_path, info, data=b""):
    path = tmp_path / "evil.tgz"
    with tarfile.open(path, "w:gz") as tar:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data) if data else None)
    return path


def tar_member(name, kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    return info


def test_zip_members_with_permissions_only_are_regular_files(tmp_path):
    """Many zips (Windows tools, older Pythons' writestr) carry no Unix file type bits."""
    for mode in (0, 0o644):
        unpack(zip_with(tmp_path, "fr-en/plain.txt", b"text", mode=mode), tmp_path / f"out{mode}")
        assert (tmp_path / f"out{mode}/fr-en/plain.txt").read_bytes() == b"text"


@pytest.mark.parametrize("make", [
    lambda t: zip_with(t, "../escaped.txt"),
    lambda t: zip_with(t, "fr-en/../../escaped.txt"),
    lambda t: zip_with(t, "/tmp/escaped.txt"),
    lambda t: zip_with(t, "fr-en/link", b"/etc/passwd", mode=0o120777),  # a symlink
    lambda t: tar_with(t, tar_member("../escaped.txt"), b"x"),
    lambda t: tar_with(t, tar_member("fr-en/link", tarfile.SYMTYPE, "/etc/passwd")),
    lambda t: tar_with(t, tar_member("fr-en/hard", tarfile.LNKTYPE, "/etc/passwd")),
    lambda t: tar_with(t, tar_member("fr-en/device", tarfile.CHRTYPE)),
    lambda t: tar_with(t, tar_member("fr-en/fifo", tarfile.FIFOTYPE)),
], ids=["zip-parent", "zip-nested-parent", "zip-absolute", "zip-symlink", "tar-parent",
        "tar-symlink", "tar-hardlink", "tar-device", "tar-fifo"])
def test_unsafe_members_are_refused_before_anything_is_written(tmp_path, make):
    archive = make(tmp_path)
    with pytest.raises(UnsafeArchive, match="evil"):
        unpack(archive, tmp_path / "out")
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "escaped.txt").exists()


def test_damaged_archives_are_named(tmp_path, archives):
    data = archives["train-dev.tgz"].read_bytes()
    (tmp_path / "cut.tgz").write_bytes(data[: len(data) // 2])
    (tmp_path / "page.zip").write_bytes(b"<html>Not found</html>")
    with pytest.raises(CorruptArchive, match="cut.tgz: damaged archive"):
        unpack(tmp_path / "cut.tgz", tmp_path / "a")
    with pytest.raises(CorruptArchive, match="page.zip: neither a zip nor a tar"):
        unpack(tmp_path / "page.zip", tmp_path / "b")


def python_without_tar_filters():
    """A Python 3.11.0-3.11.3 on this machine (Debian 12's /usr/bin/python3.11 is 3.11.2)."""
    for candidate in ("/usr/bin/python3.11", "/usr/bin/python3"):
        if Path(candidate).exists():
            version = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[2])"],
                                     capture_output=True, text=True)
            if version.returncode == 0 and int(version.stdout) < 4:
                return candidate
    return None


def test_unpacking_works_on_a_python_without_tar_filters(tmp_path, archives):
    """pyproject admits every 3.11: the unpacker must not need 3.11.4's tar filters."""
    python = python_without_tar_filters()
    if python is None:
        pytest.skip("no Python 3.11.0-3.11.3 here to run the unpacker on")
    evil = zip_with(tmp_path, "../escaped.txt")
    script = f"""
import tarfile
from pathlib import Path
from ielearn.nmt.download.unpack import UnsafeArchive, unpack
assert not hasattr(tarfile, "data_filter")
unpack({str(archives["train-dev.zip"])!r}, {str(tmp_path / "zip")!r})
unpack({str(archives["train-dev.tgz"])!r}, {str(tmp_path / "tgz")!r})
try:
    unpack({str(evil)!r}, {str(tmp_path / "evil")!r})
except UnsafeArchive as error:
    print("refused:", error)
"""
    run = subprocess.run([python, "-c", script], env={"PYTHONPATH": str(REPO)},
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "refused: evil.zip: member '../escaped.txt'" in run.stdout
    assert tree(tmp_path / "zip") == tree(tmp_path / "tgz") != {}


# --- downloads through the server ------------------------------------------------------


def test_first_mirror_404_then_the_second_mirror_zip(tmp_path, server, archives):
    mirrors = serve_iwslt17(server, archives, [
        ("/gone/fr-en.tgz", "train-dev.tgz", None, 404, 404, 404),
        ("/hub/fr-en.zip", "train-dev.zip", md5(archives["train-dev.zip"])),
    ])
    target = tmp_path / "resources/iwslt17"
    download_corpus("iwslt17", target, mirrors, FAST)
    assert server.requests.count("/gone/fr-en.tgz") == 1  # a 404 is not retried
    corpus = read_official_corpus("iwslt17", target, "fr", "en")
    assert corpus["test"] == TEST_PAIRS and corpus["train"][0][2] == "Merci beaucoup."
    assert sorted(p.name for p in target.iterdir()) == ["en-fr", "fr-en"]  # no temporary files


def test_checksum_mismatch_is_one_line_with_url_expected_and_actual(tmp_path, server, archives):
    mirrors = serve_iwslt17(server, archives, [("/trnted/fr-en.tgz", "train-dev.tgz", "0" * 32)])
    target = tmp_path / "resources/iwslt17"
    with pytest.raises(UserError) as error:
        download_corpus("iwslt17", target, mirrors, FAST)
    message = str(error.value)
    assert "\n" not in message
    assert (f"{server.url('/trnted/fr-en.tgz')}: md5 checksum is {md5(archives['train-dev.tgz'])}, "
            f"expected {'0' * 32}") in message
    assert server.requests.count("/trnted/fr-en.tgz") == 1  # a wrong file is not fetched again
    assert_nothing_left(target)


def test_a_bad_checksum_falls_back_to_the_next_mirror(tmp_path, server, archives):
    mirrors = serve_iwslt17(server, archives, [
        ("/trnted/fr-en.tgz", "train-dev.tgz", "0" * 32),
        ("/hub/fr-en.zip", "train-dev.zip", md5(archives["train-dev.zip"])),
    ])
    download_corpus("iwslt17", tmp_path / "iwslt17", mirrors, FAST)
    assert read_official_corpus("iwslt17", tmp_path / "iwslt17", "fr", "en")["test"] == TEST_PAIRS


@pytest.mark.parametrize("failure", ["truncate", "stall", 503])
def test_a_transient_failure_is_retried(tmp_path, server, archives, failure):
    mirrors = serve_iwslt17(server, archives, [("/trnted/fr-en.tgz", "train-dev.tgz",
                                                md5(archives["train-dev.tgz"]), failure)])
    download_corpus("iwslt17", tmp_path / "iwslt17", mirrors, FAST)
    assert server.requests.count("/trnted/fr-en.tgz") == 2
    assert read_official_corpus("iwslt17", tmp_path / "iwslt17", "fr", "en")["test"] == TEST_PAIRS


def test_a_connection_closed_mid_file_every_time_keeps_nothing(tmp_path, server, archives):
    mirrors = serve_iwslt17(server, archives, [("/trnted/fr-en.tgz", "train-dev.tgz", None,
                                                "truncate", "truncate")])
    target = tmp_path / "resources/iwslt17"
    with pytest.raises(UserError) as error:
        download_corpus("iwslt17", target, mirrors, FAST)
    size = archives["train-dev.tgz"].stat().st_size
    assert f"connection closed after {size // 2} of {size} bytes (tried 2 times)" in str(error.value)
    assert_nothing_left(target)


def test_an_archive_with_a_parent_member_is_refused_and_the_next_mirror_used(tmp_path, server, archives):
    evil = zip_with(tmp_path, "../../escaped.txt")
    archives = dict(archives, evil=evil)
    mirrors = serve_iwslt17(server, archives, [("/evil/fr-en.zip", "evil", None),
                                               ("/trnted/fr-en.tgz", "train-dev.tgz", None)])
    download_corpus("iwslt17", tmp_path / "x/iwslt17", mirrors, FAST)
    assert not list(tmp_path.rglob("escaped.txt"))
    assert read_official_corpus("iwslt17", tmp_path / "x/iwslt17", "fr", "en")["test"] == TEST_PAIRS


def test_a_damaged_archive_falls_back_to_the_next_mirror(tmp_path, server, archives):
    data = archives["train-dev.tgz"].read_bytes()
    (tmp_path / "cut.tgz").write_bytes(data[: len(data) // 2])  # whole as served, damaged inside
    archives = dict(archives, cut=tmp_path / "cut.tgz")
    mirrors = serve_iwslt17(server, archives, [("/cut/fr-en.tgz", "cut", None),
                                               ("/hub/fr-en.zip", "train-dev.zip", None)])
    download_corpus("iwslt17", tmp_path / "iwslt17", mirrors, FAST)
    assert read_official_corpus("iwslt17", tmp_path / "iwslt17", "fr", "en")["test"] == TEST_PAIRS


def test_wmt14_archives_through_the_server(tmp_path, server):
    mirrors = {}
    for name, path in pack_wmt14(tmp_path).items():
        url = server.serve(f"/statmt/{path.name}", path.read_bytes(), *([503] if name == "wmt14-dev" else []))
        mirrors[name] = [{"url": url, "md5": md5(path)}]
    download_corpus("wmt14", tmp_path / "resources/wmt14", mirrors, FAST)
    corpus = read_official_corpus("wmt14", tmp_path / "resources/wmt14", "en", "de")
    assert corpus["test"] == (["A test ."], ["Ein Test ."]) and corpus["valid"] == (["Good day ."], ["Guten Tag ."])
    assert len(corpus["train"][0]) == 5


def test_all_mirrors_down_says_where_to_put_the_files(tmp_path, server, archives):
    mirrors = serve_iwslt17(server, archives, [("/a/fr-en.tgz", "train-dev.tgz", None, 404),
                                               ("/b/fr-en.zip", "train-dev.zip", None, 500, 500)])
    mirrors["iwslt17-fr-en-test"] = [{"url": "http://127.0.0.1:1/closed-port.tgz"}]
    target = tmp_path / "resources/iwslt17"
    with pytest.raises(UserError) as error:
        download_corpus("iwslt17", target, mirrors, FAST)
    message = str(error.value)
    assert "\n" not in message and message.startswith("iwslt17: cannot download: iwslt17-fr-en-train-dev")
    assert "/a/fr-en.tgz: HTTP 404" in message and "/b/fr-en.zip: HTTP 500" in message
    assert "train.tags.fr-en.fr" in message and f"unpack them anywhere under {target}/" in message
    assert official.ARCHIVES["iwslt17"][0].mirrors[0].url in message  # the official archive to get
    assert_nothing_left(target)


# --- the archive table and config.yaml ----------------------------------------------------


def test_builtin_archives_use_live_mirrors_with_sacrebleus_checksums():
    iwslt = {a.name: a for a in official.ARCHIVES["iwslt17"]}
    train_dev = iwslt["iwslt17-fr-en-train-dev"].mirrors
    assert train_dev[0].url == ("https://raw.githubusercontent.com/hlt-mt/WIT3/master/archive/"
                                "2017-01-trnted/texts/fr/en/fr-en.tgz")
    assert train_dev[0].checksum == "md5:19927da9de0f40348cad9c0fc61642ac"
    assert not any("wit3.fbk.eu" in m.url for a in iwslt.values() for m in a.mirrors)


def test_config_mirrors_replace_the_builtin_ones_and_names_are_checked():
    schema = yaml.safe_load((REPO / "schemas/config.schema.yaml").read_text())
    names = schema["properties"]["downloads"]["properties"]["mirrors"]["propertyNames"]["enum"]
    assert sorted(names) == sorted(a.name for c in official.ARCHIVES.values() for a in c)
    chosen = official.archives("iwslt17", {"iwslt17-en-fr-test": [{"url": "http://m/x.tgz", "sha256": "a" * 64}]})
    assert chosen[2].mirrors[0].url == "http://m/x.tgz" and chosen[2].mirrors[0].checksum == "sha256:" + "a" * 64
    assert chosen[0] == official.ARCHIVES["iwslt17"][0]


# --- the Snakemake target through the server ----------------------------------------------


def test_snakemake_downloads_iwslt17_through_the_server(tmp_path, server, archives):
    """A failed download leaves nothing a rerun takes as done; the rerun after the fix works."""
    mirrors = serve_iwslt17(server, archives, [("/gone/fr-en.tgz", "train-dev.tgz", None, 404, 404),
                                               ("/hub/fr-en.zip", "train-dev.zip", None, 404)])
    config = {
        "datasets": {"iw": {"source": "iwslt17", "src_lang": "fr", "tgt_lang": "en"}},
        "experiments": {"iw": {"dataset": "iw"}},
        "downloads": {"timeout": 5, "attempts": 2, "wait": 0, "mirrors": mirrors},
    }
    write_config(tmp_path, config)
    failed = run_snakemake(tmp_path, "results/iw/data/raw/datacard.md", check=False)
    assert failed.returncode != 0
    assert "ERROR: iwslt17: cannot download: iwslt17-fr-en-train-dev" in failed.stderr
    assert not (tmp_path / "resources/iwslt17").exists()
    server.serve("/hub/fr-en.zip", archives["train-dev.zip"].read_bytes())  # the mirror is back
    done = run_snakemake(tmp_path, "results/iw/data/raw/datacard.md")
    assert "download_corpus" in done.stderr
    raw = tmp_path / "results/iw/data/raw"
    assert (raw / "test.src").read_text() == "Test fr.\nDeux.\n"
    assert (raw / "train.tgt").read_text().splitlines()[2] == "Thank you so much."
    log = (tmp_path / "resources/logs/iwslt17.log").read_text()
    assert "/gone/fr-en.tgz: HTTP 404" in log and "unpacked from " + server.url("/hub/fr-en.zip") in log
