"""Build the enriched input x' = x [separator] α_1..α_J for the next bootstrap iteration.

Written beside each enriched line is its origin line: for every token of x' the index in x
it stands for (0..I-1 for x itself, ρ_j for α_j, I-1 for the separator), which the next
decoding uses to resolve attention on appended tokens back to x.
"""

import random

from ielearn import systems
from ielearn.io import atomic_write, read_lines
from ielearn.systems import ATTENTION



def add_noise(positions, source_length, rate, rng):
    """Replace round(rate·J) of the J positions by positions drawn uniformly from the source."""
    positions = list(positions)
    count = round(rate * len(positions))
    for j in rng.sample(range(len(positions)), count):
        positions[j] = rng.randrange(source_length)
    return positions


def enrich_line(source_tokens, positions, separator=None):
    """Return (tokens of x', origin of each token) for one sentence."""
    length = len(source_tokens)
    tokens = list(source_tokens)
    origin = list(range(length))
    if separator is not None:
        tokens.append(separator)
        origin.append(max(length - 1, 0))
    tokens += [source_tokens[p] for p in positions]
    origin += positions
    return tokens, origin


def enrich_file(source_path, positions_path, out_src, out_origin, system=ATTENTION,
                noise=0.0, separator=None, seed=1):
    """Write x' and its origins for every line.

    An explainer (`attention`) appends the extracted words with `noise` of them randomised,
    a control that draws (`random`) randomises all of them (r = 100 %), one that appends
    nothing (`none`) writes plain x (their registry entries, ielearn/systems.py).
    """
    sources = [line.split() for line in read_lines(source_path)]
    all_positions = [[int(p) for p in line.split()] for line in read_lines(positions_path)]
    if len(sources) != len(all_positions):
        raise RuntimeError(f"{source_path} and {positions_path} differ in line count")
    appends = systems.system(system).appends
    rate = 1.0 if systems.draws_all_words(system) else noise
    with atomic_write(out_src) as src_file, atomic_write(out_origin) as origin_file:
        for index, (source, positions) in enumerate(zip(sources, all_positions)):
            if not appends or not source:
                positions = []
            elif rate > 0:
                rng = random.Random(f"{seed}-{index}")
                positions = add_noise(positions, len(source), rate, rng)
            tokens, origin = enrich_line(source, positions, separator if positions else None)
            src_file.write(" ".join(tokens) + "\n")
            origin_file.write(" ".join(map(str, origin)) + "\n")
