"""Explaining several examples at once, so that their model calls share forward passes.

LIME and SHAP explain one example at a time, and SHAP's Partition explainer asks the model
for a few texts at a time (on TREC questions about 5 calls of 4 texts each). A forward pass
over 4 texts costs far more per text than one over 100: on a CPU core about 2.5 times, on a
GPU the launch latency is almost all of it. `explain_concurrently` runs the explanations of
`at_once` worker threads; their model calls meet in `SharedCalls`, which answers every
waiting call with one forward pass as soon as all running workers are waiting. The
libraries' estimators are untouched: each explanation sees exactly the outputs it would
see alone (up to the float rounding of padding in a larger batch).
"""

import threading
from concurrent.futures import Future

import numpy as np


class SharedCalls:
    """Predictor-like: callable on (texts_a, texts_b) from `workers` threads; once every
    worker still running is waiting, one predictor call answers all of them. Has the
    predictor's `regression`, `tokenizer`, `max_length`, so explainers take it in the
    predictor's place."""

    def __init__(self, predictor, workers, cache_limit=200_000):
        self.predictor, self.cache_limit = predictor, cache_limit
        self.regression, self.tokenizer = predictor.regression, predictor.tokenizer
        self.max_length = predictor.max_length
        self.condition = threading.Condition()
        self.pending, self.answers, self.running = [], {}, workers
        self.passes = 0  # predictor calls, each over every pending text

    def __call__(self, texts_a, texts_b=None):
        ticket = object()
        with self.condition:
            self.pending.append((ticket, list(texts_a), None if texts_b is None else list(texts_b)))
            self._answer_if_all_waiting()
            while ticket not in self.answers:
                self.condition.wait()
            return self.answers.pop(ticket)

    def finished(self):
        """A worker has no more examples: the others no longer wait for it."""
        with self.condition:
            self.running -= 1
            self._answer_if_all_waiting()

    def _answer_if_all_waiting(self):
        """Run every pending call in one predictor call (the caller holds the condition)."""
        if not self.pending or len(self.pending) < self.running:
            return
        texts_a = [text for _, a, _ in self.pending for text in a]
        pair = self.pending[0][2] is not None
        texts_b = [text for *_, b in self.pending for text in b] if pair else None
        outputs = self.predictor(texts_a, texts_b)
        start = 0
        for ticket, a, _ in self.pending:
            self.answers[ticket] = outputs[start:start + len(a)]
            start += len(a)
        self.pending.clear()
        self.passes += 1
        if len(self.predictor.cache) > self.cache_limit:
            self.predictor.forget()
        self.condition.notify_all()


def explain_concurrently(predictor, examples, explain_one, at_once):
    """explain_one(calls, example, i) for every example, in order and lazily, with `at_once`
    worker threads whose model calls share forward passes (1: plainly, one by one)."""
    if at_once <= 1:
        for i, example in enumerate(examples):
            yield explain_one(predictor, example, i)
            predictor.forget()  # memory stays bounded; texts rarely repeat across examples
        return
    workers = min(at_once, len(examples))
    calls = SharedCalls(predictor, workers)
    results = [Future() for _ in examples]
    indices, lock, failed = iter(range(len(examples))), threading.Lock(), threading.Event()

    def work():
        try:
            while not failed.is_set():
                with lock:
                    i = next(indices, None)
                if i is None:
                    return
                try:
                    results[i].set_result(explain_one(calls, examples[i], i))
                except BaseException as error:  # handed to the caller at example i
                    failed.set()
                    results[i].set_exception(error)
        finally:
            calls.finished()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    try:
        for result in results:
            yield result.result()
    finally:
        failed.set()
        for thread in threads:
            thread.join()


class ThreadRandom:
    """numpy's module with `random` replaced by the calling thread's own RandomState.

    shap's Partition explainer breaks ties in its queue with `np.random.randn()` from numpy's
    global state; explanations running side by side would interleave those draws, and the
    words would depend on thread timing. Installed as that module's `np`, every explanation
    draws from a state seeded for its example (`seed_thread`).
    """

    def __init__(self):
        self._local = threading.local()

    @property
    def random(self):
        if not hasattr(self._local, "state"):
            self._local.state = np.random.RandomState(0)
        return self._local.state

    def seed_thread(self, seed):
        self._local.state = np.random.RandomState(seed)

    def __getattr__(self, name):
        return getattr(np, name)
