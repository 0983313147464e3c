# Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench clean

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

clean:
	rm -rf $(VENV) build src/*.egg-info
