# Two commands on a fresh clone: `make run` and `make test`.
# Another interpreter gets a virtual environment of its own: `make test PYTHON=python3.13`
# builds .venv-python3.13 and leaves .venv as it is.
PYTHON ?= python3
VENV ?= $(if $(filter python3,$(PYTHON)),.venv,.venv-$(notdir $(PYTHON)))
BIN := $(VENV)/bin

.PHONY: run test bench judge fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The demo backlog is meant to show findings, so exit code 1 (findings) is success here.
run: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/breadline audit examples/sprint.yaml; status=$$?; [ $$status -le 1 ]

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pytest

# Performance figures (see bench/bench.py); writes bench/results.md.
bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# Coverage-guided fuzzing of the loader and the audit: make fuzz SECONDS=60
SECONDS ?= 60
fuzz: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . atheris
	rm -rf .fuzz-corpus && mkdir -p .fuzz-corpus
	cp examples/*.yaml tests/data/formats/backlog.yaml src/breadline/data/starter.yaml .fuzz-corpus/
	$(BIN)/python fuzz/fuzz_audit.py -max_total_time=$(SECONDS) -timeout=10 -rss_limit_mb=2048 .fuzz-corpus

clean:
	rm -rf .venv .venv-* build dist src/*.egg-info .fuzz-corpus

# How well the verdict agrees with hand labels of real tracker items (tests/data/real); writes bench/judge.md.
judge: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python bench/judge.py $(JUDGE_ARGS)
