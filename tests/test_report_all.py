"""`snakemake --report` on `all`: one page with every experiment of both halves.

The session's two runs (the tiny translation experiment; the classification experiments
toy_cls and toy_seeds, whose config holds the tiny experiment too) are joined into one
directory, their Snakemake metadata included (one file per output path), so it holds what one
plain `snakemake` over that config would have built. Copies keep the modification times, and
the session's runs stay untouched by what happens here."""

import json
import re
import shutil

import pytest

from conftest import run_snakemake

pytestmark = pytest.mark.e2e

# Snakemake's per-run state that belongs to the run that wrote it, not to the joined directory
NOT_COPIED = shutil.ignore_patterns("locks", "incomplete", "log", ".job_modules")


@pytest.fixture(scope="module")
def joined_run(tiny_run, toy_runs, tmp_path_factory):
    joined = tmp_path_factory.mktemp("both_halves")
    for run in (tiny_run, toy_runs):  # toy_runs last: its config.yaml has both halves
        shutil.copytree(run, joined, dirs_exist_ok=True, ignore=NOT_COPIED)
    run_snakemake(joined)  # the default target; builds only what the session's runs left out
    run_snakemake(joined, "--report", "report.html")
    return joined


def categories_of(page):
    match = re.search(r"var categories = (\{.*?\});\n", page, re.S)
    assert match, "report.html has no categories"
    return json.loads(match.group(1))


def test_the_default_target_is_complete_after_the_join(joined_run):
    plan = run_snakemake(joined_run, "--dry-run").stdout
    assert "Nothing to be done" in plan, plan[-3000:]


def test_the_report_on_all_shows_every_experiments_sections(joined_run):
    categories = categories_of((joined_run / "report.html").read_text(encoding="utf-8"))
    shown = {path for category in categories.values() for paths in category.values() for path in paths}
    for exp in ("tiny", "toy_cls", "toy_seeds"):
        listed = (joined_run / "results" / exp / "report" / "sections.txt").read_text().splitlines()
        assert listed and set(listed) <= shown, f"{exp}: {sorted(set(listed) - shown)} not in the report"
    # both halves file their tables under the same sections, one subcategory per experiment
    assert set(categories["1. Summary"]) == {"tiny", "toy_cls", "toy_seeds"}
    assert set(categories["2. Bootstrap iterations"]) == {"tiny", "toy_cls", "toy_seeds"}
    assert set(categories["5. Provenance"]) == {"tiny", "toy_cls", "toy_seeds"}
