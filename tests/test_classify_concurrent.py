"""Explanations side by side: their model calls share forward passes, and nothing else changes."""

import threading

import numpy as np
import pytest

from ielearn.classify.explain.concurrent import SharedCalls, ThreadRandom, explain_concurrently


class CountingPredictor:
    """Predictor-like: output = [len(text), 1]; counts its calls and texts."""

    regression, tokenizer, max_length = False, None, 16

    def __init__(self):
        self.cache, self.calls, self.texts = {}, 0, 0

    def __call__(self, texts_a, texts_b=None):
        self.calls += 1
        self.texts += len(texts_a)
        return np.array([[len(text), 1.0] for text in texts_a])

    def forget(self):
        self.cache.clear()


def three_calls(calls, example, i):
    """An explainer stand-in: three model calls of 2 texts each, answers summed."""
    return sum(float(calls([f"{example}-{step}", "x" * i])[:, 0].sum()) for step in range(3))


def test_one_at_a_time_and_side_by_side_give_the_same_answers():
    examples = [f"example {i}" for i in range(10)]
    alone = list(explain_concurrently(CountingPredictor(), examples, three_calls, 1))
    shared_predictor = CountingPredictor()
    together = list(explain_concurrently(shared_predictor, examples, three_calls, 4))
    assert together == alone
    assert alone == [3 * (len(e) + 2) + 3 * i for i, e in enumerate(examples)]
    assert shared_predictor.texts == 60  # every text once
    assert shared_predictor.calls == 9  # 4 workers, 3 calls each, in rounds: 3 + 3 + 3 examples


def test_shared_calls_answer_each_caller_with_its_own_rows():
    predictor = CountingPredictor()
    calls = SharedCalls(predictor, workers=3)
    answers = {}

    def worker(n):
        answers[n] = calls(["y" * n] * n)
        calls.finished()

    threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert {n: answers[n][:, 0].tolist() for n in answers} == {1: [1.0], 2: [2.0, 2.0], 3: [3.0] * 3}
    assert predictor.calls == 1 and calls.passes == 1  # all three waited for one forward pass


def test_a_failing_explanation_does_not_hang_the_others():
    def fails_on_three(calls, example, i):
        if i == 3:
            raise ValueError("boom")
        return three_calls(calls, example, i)

    with pytest.raises(ValueError, match="boom"):
        list(explain_concurrently(CountingPredictor(), [str(i) for i in range(8)], fails_on_three, 4))


def test_thread_random_is_seeded_per_thread_and_else_numpy():
    source = ThreadRandom()
    draws = {}

    def worker(seed):
        source.seed_thread(seed)
        draws[seed] = [source.random.randn() for _ in range(3)]

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in (7, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert draws[7] == np.random.RandomState(7).randn(3).tolist()
    assert draws[8] == np.random.RandomState(8).randn(3).tolist()
    assert source.zeros(2).tolist() == [0.0, 0.0]  # everything else is numpy's
