"""An explainer's full ranking of an example's candidate words, best first.

Candidates are the distinct strings of ielearn/classify/explain/words.py. An explainer that
scores word occurrences (attention, SHAP) gives a string the best score of its occurrences;
ties keep the order of first appearance. So the head of the ranking is exactly the word
`argmax_candidate` picks (Alg. 2's argmax for the predicted label), and the rest orders the
other candidates by the same importance. A ranking file holds one JSON list per example.

Every explainer also gives its per-word scores (`Explained`): each word the classifier reads,
in input order, punctuation included, with its signed score for the explained output (LIME:
its feature's weight, shared by every occurrence of the word; SHAP: the occurrence's value;
attention and SCC: the mean over the word's pieces). A scores file holds one JSON object per
example, {"words": [...], "scores": [...]}: the teacher maps of IMPACTX (and of a student
that learns from explanations) are read from it.
"""

import json
from typing import NamedTuple

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


class Explained(NamedTuple):
    """One example's explanation: its candidates best first, and every word it reads with its
    signed score (see the module docstring)."""
    ranking: list
    words: list
    scores: list


def explained(scores, words, texts):
    """Explained from per-word `scores` of `words` (Word, as words.py locates them)."""
    return Explained(rank_candidates(scores, words, texts), [word_text(word, texts) for word in words],
                     [float(score) for score in scores])


def write_scores(path, explanations):
    write_lines(path, [json.dumps({"words": e.words, "scores": e.scores}, ensure_ascii=False)
                       for e in explanations])


def write_rankings(path, rankings):
    write_lines(path, [json.dumps(ranking, ensure_ascii=False) for ranking in rankings])


def read_rankings(path):
    return [json.loads(line) for line in read_lines(path)]


def top_words(rankings):
    """The word Alg. 2 appends: the head of each ranking."""
    return [ranking[0] for ranking in rankings]
