"""Sparse Contrastive Coding (SCC; the seed paper /work/shared/papers/sparse_contrastive_coding.txt),
a training method: a sparse coding layer scores every wordpiece (layer.py, eq. 2-3), Gumbel
hard masks split the input into foreground and background (masks.py, eq. 5), and the
classifier trains on L = L_ce + L_sc + λ·L_cc (losses.py, eq. 1, 6, 7, 10; objective.py).
At test time only the classifier is kept (§4.1), so an SCC model is scored like any other;
its layer, saved beside it (checkpoint.py), is also an explainer (explain/scc_words.py).
"""
