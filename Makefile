# Every target sets up what it needs: on a fresh machine `make build` and
# `make test` work with nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: build serve check test test-fast lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/plansite build

serve: $(STAMP)
	$(BIN)/plansite serve

check: $(STAMP)
	$(BIN)/plansite check

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator

# The browser tests drive Debian's chromium; a test tool never downloads one.
$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

test: $(STAMP) $(CHROMIUM) lint
	$(BIN)/pytest

test-fast: $(STAMP) lint
	$(BIN)/pytest -m "not browser"

# Synthetic plans of 1k, 10k and 50k posts, stage by stage, against a bare
# MkDocs build and yaml2ics (about 5 minutes on 2 cores): see docs/performance.md.
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python -m bench.media_bench

clean:
	rm -rf site screenshots .venv .venv-ics .pytest_cache .mypy_cache .ruff_cache
