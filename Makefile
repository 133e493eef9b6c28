# Every target sets up what it needs: on a fresh machine `make build` and
# `make test` work with nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build serve check test lint clean

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
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy generator

test: $(STAMP) lint
	$(BIN)/pytest

clean:
	rm -rf site .venv .pytest_cache .mypy_cache .ruff_cache
