# Two entry points for a fresh machine with python3, make and a C compiler:
#   make demo   -- create .venv, install, run the main job on the built-in preset
#   make test   -- create .venv if needed, install with test extras, run the whole suite
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-test

.PHONY: demo test test-fast lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reentrant reproduce --quick --config demo.toml --out demo-output --jobs 2

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the inner loop: everything but the tests marked slow (CI runs them all through `make test`)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/tc_curve.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache
