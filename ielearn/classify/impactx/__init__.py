"""IMPACTX (Apicella et al., arXiv 2502.12222) for text: a classifier that learns to predict
a teacher's explanations and reads its own prediction of them. See model.py (M, LEP, D, C),
targets.py (the teacher's maps R as training targets) and losses.py (CE + λ·MSE)."""
