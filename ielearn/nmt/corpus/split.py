"""A deterministic train/valid/test split of de-duplicated pairs.

Each pair's place is decided by a seeded hash of its key (not by file order), so adding a
package moves few existing pairs, and the same inputs always give the same split.
"""

import hashlib

from ielearn.errors import UserError


def hash_order(keys, seed):
    """Indices of `keys` sorted by sha256(seed, key): a shuffle that needs no random state."""
    digest = lambda key: hashlib.sha256(f"{seed}\t{key}".encode("utf-8")).hexdigest()
    return sorted(range(len(keys)), key=lambda i: (digest(keys[i]), i))


def split_by_key(items, keys, sizes, seed, what):
    """{split: [item, ...]}: `sizes['valid']` and `sizes['test']` items, train the rest.

    `keys` must be unique (one per item), so no key can land in two splits.
    """
    if len(set(keys)) != len(keys):
        raise ValueError("split keys must be unique")
    wanted = sizes["valid"] + sizes["test"]
    if len(items) <= wanted:
        raise UserError(
            f"{what}: only {len(items)} clean pairs, but valid + test ask for {wanted}; "
            "add packages or lower `sizes` in config.yaml"
        )
    order = hash_order(keys, seed)
    valid, test = sizes["valid"], sizes["test"]
    return {
        "valid": [items[i] for i in order[:valid]],
        "test": [items[i] for i in order[valid : valid + test]],
        "train": [items[i] for i in order[valid + test :]],
    }
