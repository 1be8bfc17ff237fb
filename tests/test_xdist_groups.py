"""The pytest-xdist groups of `make test` (tests/conftest.py): a shared run's readers together,
and a module that must run on one worker (its fixture exists once per machine) kept whole."""

import types

import pytest

from conftest import SHARED_RUNS, pytest_collection_modifyitems


class Item:
    def __init__(self, nodeid, fixtures, module):
        self.nodeid, self.fixturenames, self.module, self.groups = nodeid, fixtures, module, []

    def add_marker(self, marker):
        self.groups += marker.args


def groups_of(items):
    pytest_collection_modifyitems(None, items)
    return {item.nodeid: item.groups for item in items}


def test_a_module_that_names_its_group_is_kept_on_the_worker_of_that_run():
    plain, whole = types.SimpleNamespace(), types.SimpleNamespace(XDIST_GROUP="tiny_run")
    found = groups_of([Item("tests/a.py::t1", ["tmp_path"], plain), Item("tests/a.py::t2", ["toy_runs"], plain),
                       Item("tests/b.py::t1", ["tiny_run", "cluster"], whole),
                       Item("tests/b.py::t2", ["cluster"], whole)])
    assert found == {"tests/a.py::t1": ["tests/a.py"], "tests/a.py::t2": ["toy_runs"],
                     "tests/b.py::t1": ["tiny_run"], "tests/b.py::t2": ["tiny_run"]}


def test_the_slurm_module_runs_one_cluster_on_the_tiny_runs_worker():
    slurm = pytest.importorskip("test_slurm")  # imports torch: the module's own imports
    assert slurm.XDIST_GROUP == "tiny_run" and slurm.XDIST_GROUP in SHARED_RUNS
