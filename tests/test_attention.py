import random

import pytest

from ielearn.io import read_lines, write_lines
from ielearn.nmt.attention import positions_per_target, resolve_positions, words_at
from ielearn.nmt.enrich import add_noise, enrich_file, enrich_line


def test_positions_per_target_orders_by_target_index():
    assert positions_per_target([(1, 0), (0, 1), (3, 2)], 3) == [1, 0, 3]
    assert positions_per_target([(2, 1), (0, 0)], 2) == [0, 2]
    with pytest.raises(ValueError):
        positions_per_target([(0, 0)], 2)


def test_paper_example_words_and_positions():
    # Table 1 of the paper: "C'est un stylo ." -> positions 1 1 2 3 4 (1-based)
    source = ["C'est", "un", "stylo", "."]
    positions = [0, 0, 1, 2, 3]
    assert words_at(source, positions) == ["C'est", "C'est", "un", "stylo", "."]
    tokens, origin = enrich_line(source, positions)
    assert tokens == source + ["C'est", "C'est", "un", "stylo", "."]
    assert origin == [0, 1, 2, 3, 0, 0, 1, 2, 3]


def test_attention_on_appended_tokens_resolves_to_the_source():
    source = ["a", "b", "c"]
    tokens, origin = enrich_line(source, [2, 0])  # x' = a b c c a
    # the next model attends to x'[3] (an appended "c") and x'[4] (an appended "a")
    resolved = resolve_positions([3, 4, 1], origin)
    assert resolved == [2, 0, 1]
    assert words_at(source, resolved) == [tokens[3], tokens[4], tokens[1]]


def test_chain_of_two_iterations_keeps_indexing_x():
    source = ["w0", "w1", "w2", "w3"]
    _, origin1 = enrich_line(source, [3, 1, 1])
    positions2 = resolve_positions([5, 6, 0, 4], origin1)  # model 1 attends into x'
    assert positions2 == [1, 1, 0, 3]
    tokens2, origin2 = enrich_line(source, positions2)
    assert tokens2 == source + ["w1", "w1", "w0", "w3"]
    assert resolve_positions([7, 2], origin2) == [3, 2]


def test_separator_sits_between_source_and_words():
    tokens, origin = enrich_line(["a", "b"], [1], separator="<sep>")
    assert tokens == ["a", "b", "<sep>", "b"]
    assert origin == [0, 1, 1, 1]


@pytest.mark.parametrize("rate,changed_at_most", [(0.0, 0), (0.5, 5), (1.0, 10)])
def test_noise_replaces_the_right_share(rate, changed_at_most):
    rng = random.Random(0)
    positions = list(range(10))
    noisy = add_noise(positions, 10, rate, rng)
    assert len(noisy) == 10 and all(0 <= p < 10 for p in noisy)
    changed = sum(a != b for a, b in zip(positions, noisy))
    assert changed <= changed_at_most
    if rate == 0:
        assert noisy == positions


def test_full_noise_draws_uniformly_from_the_sentence():
    rng = random.Random(1)
    counts = [0] * 5
    for _ in range(2000):
        for p in add_noise([0, 0, 0, 0], 5, 1.0, rng):
            counts[p] += 1
    assert min(counts) > 0.8 * 8000 / 5 and max(counts) < 1.2 * 8000 / 5


def test_enrich_file_systems(tmp_path):
    write_lines(tmp_path / "x", ["a b c", "d e"])
    write_lines(tmp_path / "pos", ["2 0", "1 1 0"])
    enrich_file(tmp_path / "x", tmp_path / "pos", tmp_path / "o", tmp_path / "g")
    assert read_lines(tmp_path / "o") == ["a b c c a", "d e e e d"]
    assert read_lines(tmp_path / "g") == ["0 1 2 2 0", "0 1 1 1 0"]
    enrich_file(tmp_path / "x", tmp_path / "pos", tmp_path / "o", tmp_path / "g", system="none")
    assert read_lines(tmp_path / "o") == ["a b c", "d e"]
    enrich_file(tmp_path / "x", tmp_path / "pos", tmp_path / "o", tmp_path / "g", system="random")
    lines = [line.split() for line in read_lines(tmp_path / "o")]
    assert [len(line) for line in lines] == [5, 5]
    assert set(lines[0][3:]) <= {"a", "b", "c"} and set(lines[1][2:]) <= {"d", "e"}
