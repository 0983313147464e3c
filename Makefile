# Two commands on a fresh clone: `make run` and `make test`.
# Another interpreter gets a virtual environment of its own: `make test PYTHON=python3.13`
# builds .venv-python3.13 and leaves .venv as it is.
PYTHON ?= python3
VENV ?= $(if $(filter python3,$(PYTHON)),.venv,.venv-$(notdir $(PYTHON)))
BIN := $(VENV)/bin

.PHONY: run test bench judge train fuzz clean

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

# Coverage-guided fuzzing, SECONDS for each target: the loader and the audit, then the importers,
# the configuration reader and the answers reader (fuzz/fuzz_readers.py): make fuzz SECONDS=60
SECONDS ?= 60
FUZZ := -max_total_time=$(SECONDS) -timeout=10 -rss_limit_mb=2048
fuzz: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . atheris
	rm -rf .fuzz-corpus && mkdir -p .fuzz-corpus/audit .fuzz-corpus/import .fuzz-corpus/config .fuzz-corpus/answers
	cp examples/*.yaml tests/data/formats/backlog.yaml src/breadline/data/starter.yaml .fuzz-corpus/audit/
	find tests/data/trackers -type f ! -name "*.md" -exec cp {} .fuzz-corpus/import/ \;
	cp examples/*.yaml .fuzz-corpus/config/ && cp pyproject.toml .fuzz-corpus/config/
	cp tests/data/ask/answers.yaml tests/data/ask/answers.json .fuzz-corpus/answers/
	$(BIN)/python fuzz/fuzz_audit.py $(FUZZ) .fuzz-corpus/audit
	$(BIN)/python fuzz/fuzz_readers.py import $(FUZZ) .fuzz-corpus/import
	$(BIN)/python fuzz/fuzz_readers.py config $(FUZZ) .fuzz-corpus/config
	$(BIN)/python fuzz/fuzz_readers.py answers $(FUZZ) .fuzz-corpus/answers

clean:
	rm -rf .venv .venv-* build dist src/*.egg-info .fuzz-corpus

# How well the verdict agrees with hand labels of real tracker items (tests/data/real); writes bench/judge.md.
judge: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python bench/judge.py $(JUDGE_ARGS)

# Fit the report's and the change's shapes (src/breadline/words/report-shape.txt, change-shape.txt) on the
# development part of tests/data/real.
train: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python bench/train_shape.py
