"""Inference shared by translation and classification: per-item scores and their corpus
metric (scorers), the per-seed test-item diagnostics (item_tests), the seed-level primary
test (seed_tests), the Holm correction, comparisons over seeds, the verdict in words, and
the arguments of the tests from an experiment's `significance` block (settings)."""
