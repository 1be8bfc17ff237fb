"""An explainer's full ranking of an example's candidate words, best first.

Candidates are the distinct strings of ielearn/classify/explain/words.py. An explainer that
scores word occurrences (attention, SHAP) gives a string the best score of its occurrences;
ties keep the order of first appearance. So the head of the ranking is exactly the word
`argmax_candidate` picks (Alg. 2's argmax for the predicted label), and the rest orders the
other candidates by the same importance. A ranking file holds one JSON list per example.
"""

import json

from ielearn.classify.explain.words import candidate_indices, word_text
from ielearn.io import read_lines, write_lines


def rank_by_score(scores):
    """{candidate string: score}, in order of first appearance → the strings best first
    (stable: the first on ties)."""
    return sorted(scores, key=lambda word: -scores[word])


def best_candidate_scores(scores, words, texts):
    """{candidate string: the best score of its occurrences}, in order of first appearance."""
    best = {}
    for i in candidate_indices(words, texts):
        text = word_text(words[i], texts)
        if text not in best or scores[i] > best[text]:
            best[text] = float(scores[i])
    return best


def rank_candidates(scores, words, texts):
    """Candidate strings of `words` (with per-word `scores`), best first."""
    return rank_by_score(best_candidate_scores(scores, words, texts))


def write_rankings(path, rankings):
    write_lines(path, [json.dumps(ranking, ensure_ascii=False) for ranking in rankings])


def read_rankings(path):
    return [json.loads(line) for line in read_lines(path)]


def top_words(rankings):
    """The word Alg. 2 appends: the head of each ranking."""
    return [ranking[0] for ranking in rankings]
