# One task runner; CI (.ci/run) calls `make test`. Every target sets up what it needs,
# from pinned files only: requirements.lock, package-lock.json, requirements-pyodide.txt.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_DIR ?= site
PYODIDE_WHEELS := .cache/pyodide-wheels
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build test test-unit test-site lint bench clean

help:
	@echo "make serve   set everything up, build and serve the site at http://$(HOST):$(PORT)/"
	@echo "make test    set everything up and run every test (lint, types, unit, build, browser)"
	@echo "make build   build the static site into $(SITE_DIR)/ (SITE_URL=... for another host)"
	@echo "make bench   performance report"
	@echo "make lint    ruff and mypy only"

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(PYODIDE_WHEELS)/.installed: requirements-pyodide.txt $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS) && mkdir -p $(PYODIDE_WHEELS)
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.14 \
	  --implementation py --abi none --platform any -r requirements-pyodide.txt -d $(PYODIDE_WHEELS)
	touch $@

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	apt-get update -qq && apt-get install -y -qq chromium

# A Chinese font, so the Chinese pages' screenshots show characters, not boxes (readers'
# systems have their own: the site names no web font).
$(CJK_FONT):
	@echo "Installing a Chinese font for the browser tests"
	apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei

setup: $(VENV)/.installed node_modules/.installed

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check calculators tests site_hooks bench
	$(VENV)/bin/ruff format --check calculators tests site_hooks bench
	$(VENV)/bin/mypy

build: setup
	$(VENV)/bin/mkdocs build --strict -d $(SITE_DIR)

serve: setup
	$(VENV)/bin/mkdocs serve --strict -a $(HOST):$(PORT)

test-unit: setup
	$(VENV)/bin/pytest -q calculators tests/unit

test-site: setup $(PYODIDE_WHEELS)/.installed $(CHROMIUM) $(CJK_FONT)
	$(VENV)/bin/pytest -q tests/build tests/browser

test: lint test-unit test-site

bench: setup $(CHROMIUM)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules $(SITE_DIR) .cache build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
