"""Scaffolded simulability (Pruthi et al. 2020) and SMaT's learned attention explainer
(Fernandes et al. 2022, *Learning to Scaffold*): does an explainer's map help a small student
learn to predict what the teacher predicts? docs/simulability.md describes the method, the
mapping of the paper's JAX setup onto PyTorch, and every deviation.

- settings.py: the student's settings and their checks (plain Python);
- heads.py: head coefficients → head weights (sparsemax), the static coefficients;
- attention_logits.py: every head's row-mean pre-softmax attention logits (the hook);
- word_maps.py: the words a classifier reads as a token → word matrix (words.py's rule);
- explanation.py: explanations as distributions over words;
- teacher_explanations.py: the teacher explainers a student learns from;
- loss.py: L_student = CE(S(x), T(x)) + β KL(E_S ‖ E_T);
- batches.py: tokenised examples with their teacher labels and targets;
- student.py: the student (the encoder's first layers) and its SGD training;
- pooled_student.py: a student whose head reads the mean of its token states;
- simulate.py: SIM of one student under one teacher explainer;
- smat.py: the bi-level update of eq. 6–9 (torch.func) and SMaT's training loop;
- learned_explainer.py: the learned coefficients saved beside the teacher;
- smat_words.py: the learned explainer as a ranker.
"""
