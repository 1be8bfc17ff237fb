"""Scatter/gather of extraction: shard i of n holds a contiguous block of examples.

Kept free of torch so that the gather jobs start in a blink.
"""

from ielearn.io import read_lines, write_lines


def shard_bounds(count, shard, shards):
    return count * shard // shards, count * (shard + 1) // shards


def gather_shards(shard_paths, out_path):
    write_lines(out_path, [word for path in shard_paths for word in read_lines(path)])
