# Two entry points for a fresh machine with python3, make and a C compiler:
#   make demo   -- create .venv, install, run the main job on the built-in preset
#   make test   -- create .venv if needed, install with test extras, run the whole suite
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-test

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reentrant reproduce --out demo-output --jobs 2

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/tc_curve.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache
