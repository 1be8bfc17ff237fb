# Two commands on a fresh machine (Python 3.11, no venv needed beforehand):
#   make demo   install into .venv, run the demo experiment end to end, print its table
#   make test   install into .venv, lint the workflow, run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo report test lint clean

install: $(STAMP)

# Order matters: torch, numpy and cython first (envs/build-requirements.txt), because
# fairseq-fixed is an sdist that must build against them without build isolation (an
# isolated build pulls a multi-GB CUDA torch); then the project; then the steps a
# requirements list cannot express, shared with `--sdm conda` (envs/ielearn.post-deploy.sh).
$(STAMP): pyproject.toml envs/build-requirements.txt envs/ielearn.post-deploy.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip setuptools wheel
	$(BIN)/pip install -r envs/build-requirements.txt
	$(BIN)/pip install --no-build-isolation -e '.[test]'
	PATH="$(CURDIR)/$(BIN):$$PATH" bash envs/ielearn.post-deploy.sh
	touch $(STAMP)

demo: install
	$(MAKE) report EXP=demo

# The experiment's table, verdict and report.html (Snakemake's --report over its sections).
# Every job, trainings included, takes one thread (the rules' own): two seeds' trainings run
# side by side (docs/measurements.md, "Threads of a training").
EXP ?= demo
report: install
	$(BIN)/snakemake --cores 2 results/$(EXP)/report/sections.txt
	$(BIN)/snakemake --report results/$(EXP)/report.html results/$(EXP)/report/sections.txt
	@# a translation experiment's tables are summary.tsv and verdict.txt, a classification one's classification*
	@for f in summary classification; do if [ -f results/$(EXP)/$$f.tsv ]; then \
	  echo; column -t -s "$$(printf '\t')" results/$(EXP)/$$f.tsv; fi; done
	@for f in verdict classification_verdict; do if [ -f results/$(EXP)/$$f.txt ]; then \
	  echo; cat results/$(EXP)/$$f.txt; fi; done
	@echo; echo "report: results/$(EXP)/report.html"

# the workflow's lints first (snakemake --lint exits 1 on any lint, snakefmt on any change)
# and the 30 slowest tests' timings (setup, call, teardown) after the results
test: install lint
	$(BIN)/pytest -v --durations=30 -n 2 --dist loadgroup

lint: install
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile rules/

clean:
	rm -rf results .snakemake
