"""ielearn: interpretability-enhanced learning (Tang et al., IJCAI 2022) as a library.

Every pipeline stage is a plain function in a sub-module; the Snakemake rules only call them.
"""
