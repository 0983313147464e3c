# Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The demo backlog is meant to show findings, so exit code 1 (findings) is success here.
run: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/breadline audit examples/sprint.yaml; status=$$?; [ $$status -le 1 ]

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info
