"""The registry of systems (ielearn/systems.py) is the one place that names them: the schema's
enums agree with it, and no other file of the workflow spells a system's name."""

import ast
import io
import tokenize

import pytest
import yaml

from conftest import REPO
from ielearn import systems
from ielearn.config import SCHEMA_PATH
from ielearn.systems import CLASSIFICATION, CONTROL, EXPLAINER, TRAINED_METHOD, TRANSLATION, VARIANT, names

# The rule of the grep: a *string literal* whose whole value is a registered system's name
# ("lime", 'none') or a control's directory ("control_random") is a spelling, wherever it
# stands (a dict key, a comparison, a default). Comments and docstrings are not: a comment is
# no string token, and a docstring's value is a whole sentence, so prose may name systems
# freely (`scc` chain, the random control). Python's tokenizer reads Snakefile and rules/*.smk
# too (their rule blocks are plain tokens). f-strings are not searched.
# A literal that is a system's name but means something else is listed here with its reason.
OTHER_MEANINGS = {
    ("ielearn/migrate_layout.py", "random"): "the layout before controls had control_<c>/ (history)",
    ("ielearn/migrate_layout.py", "none"): "the layout before controls had control_<c>/ (history)",
    ("ielearn/migrate_layout.py", "control_random"): "the layout a migration moves to, as it was then",
    ("ielearn/migrate_layout.py", "control_none"): "the layout a migration moves to, as it was then",
    ("ielearn/migrate_layout.py", "scc"): "SCC's directory before it had iter_0/ (history)",
    ("ielearn/classify/config.py", "none"): "a message: no experiment defined",
    ("ielearn/classify/explain/lime_words.py", "none"): "LIME's feature_selection option",
    ("ielearn/classify/scc/losses.py", "none"): "SCC's ablation that leaves out no term",
    ("ielearn/nmt/faithfulness_scoring.py", "random"): "a masking arm: as many random source tokens masked",
    ("ielearn/nmt/faithfulness_summary.py", "random"): "a masking arm: as many random source tokens masked",
    ("ielearn/nmt/faithfulness_verdict.py", "random"): "a masking arm: as many random source tokens masked",
    ("ielearn/nmt/decode.py", "attention"): "fairseq's hypothesis field",
    ("ielearn/nmt/report/plots.py", "none"): "matplotlib's fillstyle",
}


def registered():
    """Every registered name, of both halves, and every control's directory name."""
    every = {name for kind in (EXPLAINER, CONTROL, TRAINED_METHOD, VARIANT) for half in systems.BOTH
             for name in names(kind, half)}
    return every | {systems.system(c).directory.rstrip("/") for c in every if systems.is_kind(c, CONTROL)}


def workflow_files():
    files = [*REPO.glob("ielearn/**/*.py"), *REPO.glob("rules/*.smk"), *REPO.glob("workflow_scripts/*.py"),
             REPO / "Snakefile"]
    return [f for f in files if f != REPO / "ielearn" / "systems.py"]


def spellings(path, wanted):
    """(line number, value) of each string literal of the file whose value is in `wanted`."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type != tokenize.STRING:
            continue
        try:
            value = ast.literal_eval(token.string)
        except (ValueError, SyntaxError):
            continue
        if value in wanted:
            found.append((token.start[0], value))
    return found


def test_no_file_but_the_registry_spells_a_system_name():
    wanted = registered()
    found = []
    for path in workflow_files():
        relative = path.relative_to(REPO).as_posix()
        found += [f"{relative}:{line}: {value!r}" for line, value in spellings(path, wanted)
                  if (relative, value) not in OTHER_MEANINGS]
    assert not found, "ask ielearn/systems.py instead of spelling a system's name:\n" + "\n".join(found)


def test_the_grep_finds_a_spelling_and_skips_prose(tmp_path):
    path = tmp_path / "example.py"
    path.write_text('"""Appends lime words."""\n# the random control\nif x == "lime" or y in (\'none\',):\n'
                    '    z = f"{a}-lime"\n')
    assert spellings(path, registered()) == [(3, "lime"), (3, "none")]


def test_every_exception_is_still_there():
    """Each exception still matches a literal of its file: a stale one leaves OTHER_MEANINGS."""
    for (relative, value) in OTHER_MEANINGS:
        assert (REPO / relative).exists(), relative
        assert any(v == value for _, v in spellings(REPO / relative, {value})), (relative, value)


def _enum(*path):
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    for key in path:
        schema = schema[key]
    return tuple(schema["enum"])


def test_the_schemas_enums_are_the_registrys():
    translation, classification = ("$defs", "experiment", "properties"), ("$defs", "cls_experiment", "properties")
    assert _enum(*classification, "explainers", "items") == names(EXPLAINER, CLASSIFICATION)
    assert _enum(*classification, "controls", "items") == names(CONTROL, CLASSIFICATION)
    assert _enum(*translation, "controls", "items") == names(CONTROL, TRANSLATION)
    assert _enum(*translation, "append") == names(EXPLAINER, TRANSLATION) + names(CONTROL, TRANSLATION)


def test_each_trained_method_has_its_settings_section_in_the_schema():
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]["cls_experiment"]["properties"]
    for name in names(TRAINED_METHOD):
        section = schema[systems.system(name).settings]["properties"]
        assert {"enabled", "train"} <= set(section), name


def test_the_hooks_resolve_to_functions():
    """Every 'module:function' of the registry names a function (imported here, as a job would)."""
    for name in {n for kind in (EXPLAINER, TRAINED_METHOD) for n in names(kind)}:
        entry = systems.system(name)
        for hook in ("ranker", "objective", "check", "model", "learner"):
            if getattr(entry, hook):
                assert callable(entry.load(hook)), (name, hook)


def test_each_variant_varies_a_trained_method_and_sits_in_its_directory():
    for name in names(VARIANT):
        variant = systems.system(name)
        assert systems.is_kind(variant.variant_of, TRAINED_METHOD) and variant.role, name
        assert variant.directory == f"{variant.variant_of}/control_{name}/"
    assert systems.variants_of(systems.IMPACTX) == names(VARIANT)


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="registered already"):
        systems.register(systems.system(systems.RANDOM))
