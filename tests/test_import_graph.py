"""The two halves stand side by side in the import graph: neither imports the other, and the
shared modules they build on import neither half (translation's defaults live in
ielearn/nmt/config.py, the HTML table in ielearn/html_page.py). Only the entry points that
serve both halves (config.yaml's validation, the seed summaries, recompute...) import a half,
and no half imports them."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ielearn"
HALVES = ("ielearn.nmt", "ielearn.classify")


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path, known):
    """The ielearn modules a file imports (`from a.b import c` counts a.b, and a.b.c if it is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & known


def half_of(module):
    return next((half for half in HALVES if module == half or module.startswith(half + ".")), None)


def import_graph():
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {module: imported_modules(path, known) for module, path in paths.items()}


def test_the_graph_is_read_from_the_package():
    graph = import_graph()
    # a known edge of each kind, so that an empty or broken parse cannot pass the tests below
    assert "ielearn.nmt.config" in graph["ielearn.nmt.train"]
    assert "ielearn.classify.config" in graph["ielearn.config"]
    assert "ielearn.nmt.config" in graph["ielearn.config"]
    assert "ielearn.html_page" in graph["ielearn.provenance.table"]


def test_neither_half_imports_the_other():
    crossing = [(module, target) for module, targets in import_graph().items() for target in targets
                if half_of(module) and half_of(target) and half_of(target) != half_of(module)]
    assert crossing == []


def test_shared_modules_import_no_half():
    graph = import_graph()
    shared = {target for module, targets in graph.items() if half_of(module)
              for target in targets if not half_of(target)}
    assert {"ielearn.design", "ielearn.systems", "ielearn.html_page", "ielearn.io"} <= shared
    reaching = {module: sorted(t for t in graph[module] if half_of(t)) for module in shared}
    assert {module: targets for module, targets in reaching.items() if targets} == {}


def test_entry_points_import_the_halves_side_by_side():
    """config.yaml's validation calls each half's own check; no half reaches back up to it."""
    graph = import_graph()
    assert {"ielearn.nmt.config", "ielearn.classify.config"} <= graph["ielearn.config"]
    assert not any("ielearn.config" in targets for module, targets in graph.items() if half_of(module))
