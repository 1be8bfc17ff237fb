"""A seeded synthetic language pair for the offline demo and the tests.

The toy grammar maps every source word to one target word, but with local reordering
(noun-adjective becomes adjective-noun, a pre-verbal adverb moves after the verb), so the
attention a model learns is not trivially diagonal. Words are built from syllables so
that BPE has sub-words to find, and sentences start with a capital so that the
truecaser has work to do.
"""

import random

from ielearn.io import write_lines

SOURCE_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "el", "qui", "na", "bo", "ter"]
TARGET_SYLLABLES = ["da", "fin", "gu", "ho", "jas", "le", "mo", "pri", "sto", "we", "zy", "an"]
CATEGORY_SIZES = {"det": 4, "noun": 60, "adj": 25, "verb": 30, "adv": 10, "prep": 5, "name": 8}
SPLITS = ("train", "valid", "test")


def _make_word(rng, syllables, taken):
    while True:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))
        if word not in taken:
            taken.add(word)
            return word


def make_lexicon(seed):
    """Return {category: [(source word, target word), ...]} for the toy language pair."""
    rng = random.Random(seed)
    taken_src, taken_tgt = set(), set()
    lexicon = {}
    for category, size in CATEGORY_SIZES.items():
        pairs = []
        for _ in range(size):
            src = _make_word(rng, SOURCE_SYLLABLES, taken_src)
            tgt = _make_word(rng, TARGET_SYLLABLES, taken_tgt)
            if category == "name":  # names are copied and always capitalised
                tgt = src = src.capitalize()
            pairs.append((src, tgt))
        lexicon[category] = pairs
    return lexicon


def _noun_phrase(rng, lexicon):
    if rng.random() < 0.2:
        name = rng.choice(lexicon["name"])
        return [name[0]], [name[1]]
    det, noun = rng.choice(lexicon["det"]), rng.choice(lexicon["noun"])
    if rng.random() < 0.6:
        adj = rng.choice(lexicon["adj"])
        return [det[0], noun[0], adj[0]], [det[1], adj[1], noun[1]]
    return [det[0], noun[0]], [det[1], noun[1]]


def make_sentence_pair(rng, lexicon):
    """One (source, target) sentence pair of the toy grammar, as plain untokenised text."""
    subj_src, subj_tgt = _noun_phrase(rng, lexicon)
    obj_src, obj_tgt = _noun_phrase(rng, lexicon)
    verb = rng.choice(lexicon["verb"])
    src, tgt = list(subj_src), list(subj_tgt)
    if rng.random() < 0.4:
        adv = rng.choice(lexicon["adv"])
        src += [adv[0], verb[0]]
        tgt += [verb[1], adv[1]]
    else:
        src.append(verb[0])
        tgt.append(verb[1])
    src += obj_src
    tgt += obj_tgt
    if rng.random() < 0.3:
        prep = rng.choice(lexicon["prep"])
        pp_src, pp_tgt = _noun_phrase(rng, lexicon)
        src += [prep[0], *pp_src]
        tgt += [prep[1], *pp_tgt]
    end = rng.choice([".", ".", ".", "?", "!"])
    return _as_text(src, end), _as_text(tgt, end)


def _as_text(words, end):
    words = list(words)
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + end


def make_demo_corpus(sizes, seed):
    """Return {split: (source lines, target lines)} with no sentence shared between splits."""
    rng = random.Random(seed)
    lexicon = make_lexicon(seed)
    wanted = sum(sizes[split] for split in SPLITS)
    seen, pairs = set(), []
    attempts = 0
    while len(pairs) < wanted:
        attempts += 1
        if attempts > 50 * wanted:
            raise RuntimeError("the toy grammar cannot produce that many distinct sentences")
        pair = make_sentence_pair(rng, lexicon)
        if pair[0] not in seen:
            seen.add(pair[0])
            pairs.append(pair)
    corpus, start = {}, 0
    for split in SPLITS:
        chunk = pairs[start : start + sizes[split]]
        start += sizes[split]
        corpus[split] = ([s for s, _ in chunk], [t for _, t in chunk])
    return corpus


def write_demo_corpus(sizes, seed, out_files):
    """Write the demo corpus; `out_files` maps (split, side) with side in src/tgt to a path."""
    corpus = make_demo_corpus(sizes, seed)
    for (split, side), path in out_files.items():
        write_lines(path, corpus[split][0 if side == "src" else 1])
