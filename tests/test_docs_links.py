"""Every relative link in README.md and docs/ points at a file that exists and, with a
#fragment, at a heading of that file (GitHub's anchors: lowercase, punctuation dropped except
'-' and '_', spaces become '-', a repeated heading gets -1, -2, ...)."""

import re
from pathlib import Path

from conftest import REPO

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(text):
    """The lines outside fenced code blocks (a `# comment` in a bash block is no heading)."""
    inside = False
    for line in text.splitlines():
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            yield line


def slug(heading):
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path):
    seen, result = {}, set()
    for line in prose_lines(path.read_text()):
        match = re.match(r"#{1,6}\s+(.*)", line)
        if match:
            base = slug(match.group(1))
            result.add(base if base not in seen else f"{base}-{seen[base]}")
            seen[base] = seen.get(base, 0) + 1
    return result


def broken_links(path):
    broken = []
    for line in prose_lines(path.read_text()):
        for target in LINK.findall(line):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            file, _, fragment = target.partition("#")
            where = (path.parent / file).resolve() if file else path
            if not where.exists():
                broken.append(f"{path.relative_to(REPO)}: {target}: no such file")
            elif fragment and (where.suffix != ".md" or fragment not in anchors(where)):
                broken.append(f"{path.relative_to(REPO)}: {target}: no such heading")
    return broken


def test_slugs_follow_githubs_rules():
    assert slug("The `gettext` result (FR→EN, three seeds, run on this machine)") == \
        "the-gettext-result-fren-three-seeds-run-on-this-machine"
    assert slug("How to read Δ, CI and p") == "how-to-read-δ-ci-and-p"
    assert slug("Benchmark: LIME and SHAP at the libraries' default budgets") == \
        "benchmark-lime-and-shap-at-the-libraries-default-budgets"


def test_a_broken_link_is_found(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    (tmp_path / "a.md").write_text("# Title\n\n```\n# not a heading\n```\n[ok](#title) [bad](#not-a-heading) "
                                   "[gone](b.md) [web](https://example.org/x#y)\n")
    assert broken_links(tmp_path / "a.md") == ["a.md: #not-a-heading: no such heading", "a.md: b.md: no such file"]


def test_every_link_in_the_docs_resolves():
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    assert len(pages) > 5
    assert [problem for page in pages for problem in broken_links(page)] == []
