from ielearn.nmt.corpus.demo import make_demo_corpus, make_lexicon

SIZES = {"train": 200, "valid": 30, "test": 30}


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert make_demo_corpus(SIZES, seed=5) == make_demo_corpus(SIZES, seed=5)
    assert make_demo_corpus(SIZES, seed=5) != make_demo_corpus(SIZES, seed=6)


def test_sizes_and_disjoint_splits():
    corpus = make_demo_corpus(SIZES, seed=2)
    sources = {}
    for split, (src, tgt) in corpus.items():
        assert len(src) == len(tgt) == SIZES[split]
        sources[split] = set(src)
    assert not sources["train"] & sources["valid"]
    assert not sources["train"] & sources["test"]
    assert not sources["valid"] & sources["test"]


def test_adjectives_are_reordered_and_determiners_agree():
    lexicon = make_lexicon(seed=4)
    adjectives = {src: tgt for src, tgt in lexicon["adj"]}
    nouns = {src: (tgt, gender) for src, tgt, gender, _ in lexicon["noun"]}
    determiners = dict(lexicon["det"])
    src, tgt = make_demo_corpus(SIZES, seed=4)["train"]
    checked = 0
    for s, t in zip(src, tgt):
        s_words = s.lower().rstrip(".?!").split()
        t_words = t.lower().rstrip(".?!").split()
        for i in range(len(s_words) - 2):
            det, noun, adj = s_words[i : i + 3]
            if det in determiners and noun in nouns and adj in adjectives:
                noun_tgt, gender = nouns[noun]
                expected = [determiners[det][gender], adjectives[adj], noun_tgt]
                assert any(t_words[j : j + 3] == expected for j in range(len(t_words)))
                checked += 1
    assert checked > 20

