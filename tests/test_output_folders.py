"""A plain file where the workflow writes a folder: one line naming it and the fix, from the
library and from a dry run (Snakemake's own answer was a NotADirectoryError traceback)."""

import pytest

from conftest import TINY_CONFIG, run_snakemake, write_config
from ielearn.config import validate_config
from ielearn.errors import UserError
from ielearn.output_folders import check_output_folders, output_folders


def test_the_experiments_replicates_and_model_folders_are_known():
    folders = output_folders(validate_config(TINY_CONFIG), ["-n", "results/other/x.bleu", "--cores", "2"])
    assert {"results", "resources", "results/tiny/iter_0", "results/tiny/seed_2/iter_0",
            "results/tiny/seed_2/control_random/iter_1", "results/tiny/iter_2",
            "results/other"} <= set(folders)


@pytest.mark.parametrize("file", ["results", "results/tiny", "results/tiny/seed_2/control_none"])
def test_a_file_in_place_of_a_folder_is_named(tmp_path, monkeypatch, file):
    monkeypatch.chdir(tmp_path)
    (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / file).write_text("")
    with pytest.raises(UserError, match=f"^{file} is a file, but the workflow writes a folder there; move"):
        check_output_folders(output_folders(validate_config(TINY_CONFIG)))


def test_a_dry_run_says_it_in_one_line(tmp_path):
    write_config(tmp_path, TINY_CONFIG)
    (tmp_path / "results/tiny").mkdir(parents=True)
    (tmp_path / "results/tiny/seed_2").write_text("")
    result = run_snakemake(tmp_path, "-n", "results/tiny/bootstrap_1.bleu", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "ielearn: results/tiny/seed_2 is a file, but the workflow writes a folder there; "
        "move the file away (or delete it) and rerun")
    assert "Traceback" not in result.stderr and "NotADirectoryError" not in result.stderr
