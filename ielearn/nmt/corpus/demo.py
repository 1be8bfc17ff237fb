"""A seeded synthetic language pair for the offline demo and the tests.

The toy grammar maps source words to target words with local reordering (noun-adjective
becomes adjective-noun, a pre-verbal adverb moves after the verb), so the attention a model
learns is not trivially diagonal, and with context: a target determiner agrees with the
gender of its noun, and some verbs translate differently for an animate object, so a
word's translation depends on words elsewhere in the sentence. Words are built from syllables so
that BPE has sub-words to find, and sentences start with a capital so that the
truecaser has work to do.
"""

import random


SOURCE_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "el", "qui", "na", "bo", "ter"]
TARGET_SYLLABLES = ["da", "fin", "gu", "ho", "jas", "le", "mo", "pri", "sto", "we", "zy", "an"]
CATEGORY_SIZES = {"det": 4, "noun": 150, "adj": 40, "verb": 60, "adv": 15, "prep": 6, "name": 20}
SPLITS = ("train", "valid", "test")


def _make_word(rng, syllables, taken):
    while True:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))
        if word not in taken:
            taken.add(word)
            return word


def make_lexicon(seed):
    """Return {category: [entry, ...]}; an entry is (source word, target word, extra...).

    nouns: (src, tgt, gender, animate); determiners: (src, (tgt for gender 0, gender 1));
    verbs: (src, tgt, tgt with an animate object); names: (name, name, gender, True).
    """
    rng = random.Random(seed)
    taken_src, taken_tgt = set(), set()

    def pair():
        return _make_word(rng, SOURCE_SYLLABLES, taken_src), _make_word(rng, TARGET_SYLLABLES, taken_tgt)

    def sized(category):
        return range(CATEGORY_SIZES[category])

    lexicon = {category: [pair() for _ in sized(category)] for category in ("adj", "adv", "prep")}
    lexicon["noun"] = [(*pair(), rng.randint(0, 1), rng.random() < 0.3) for _ in sized("noun")]
    lexicon["det"] = [
        (src, (tgt, _make_word(rng, TARGET_SYLLABLES, taken_tgt))) for src, tgt in
        (pair() for _ in sized("det"))
    ]
    lexicon["verb"] = []
    for _ in sized("verb"):
        src, tgt = pair()
        animate = _make_word(rng, TARGET_SYLLABLES, taken_tgt) if rng.random() < 0.3 else tgt
        lexicon["verb"].append((src, tgt, animate))
    lexicon["name"] = []
    for _ in sized("name"):
        name = _make_word(rng, SOURCE_SYLLABLES, taken_src).capitalize()
        lexicon["name"].append((name, name, rng.randint(0, 1), True))
    return lexicon


def _noun_phrase(rng, lexicon):
    """Return (source words, target words, animate)."""
    if rng.random() < 0.15:
        name = rng.choice(lexicon["name"])
        return [name[0]], [name[1]], True
    det_src, det_tgt = rng.choice(lexicon["det"])
    noun_src, noun_tgt, gender, animate = rng.choice(lexicon["noun"])
    src, tgt = [det_src, noun_src], [det_tgt[gender], noun_tgt]
    if rng.random() < 0.6:
        adj_src, adj_tgt = rng.choice(lexicon["adj"])
        src, tgt = src + [adj_src], [det_tgt[gender], adj_tgt, noun_tgt]
    return src, tgt, animate


def make_sentence_pair(rng, lexicon):
    """One (source, target) sentence pair of the toy grammar, as plain untokenised text."""
    subj_src, subj_tgt, _ = _noun_phrase(rng, lexicon)
    obj_src, obj_tgt, obj_animate = _noun_phrase(rng, lexicon)
    verb_src, verb_tgt, verb_tgt_animate = rng.choice(lexicon["verb"])
    verb_tgt = verb_tgt_animate if obj_animate else verb_tgt
    src, tgt = list(subj_src), list(subj_tgt)
    if rng.random() < 0.4:
        adv = rng.choice(lexicon["adv"])
        src += [adv[0], verb_src]
        tgt += [verb_tgt, adv[1]]
    else:
        src.append(verb_src)
        tgt.append(verb_tgt)
    src += obj_src
    tgt += obj_tgt
    if rng.random() < 0.3:
        prep = rng.choice(lexicon["prep"])
        pp_src, pp_tgt, _ = _noun_phrase(rng, lexicon)
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

