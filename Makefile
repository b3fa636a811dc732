# SAARA kit — `make run` serves the participants' forms, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: run test check lint lab bench clean
CODE := saara_kit tests bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the packages pip would pick, from PyPI: 28 s with their bytecode, pip took 64 s. The bytecode
# matters: with PYTHONDONTWRITEBYTECODE set (as on the CI machine), every process would compile every module
$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip uv

INSTALL := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/uv
	$(INSTALL) -e .
	touch $@

# with JupyterHub's proxy for tests/deploy, when npm exists (configurable-http-proxy 5.1 runs on Debian's node 18)
$(VENV)/.installed-test: pyproject.toml | $(BIN)/uv
	$(INSTALL) -e '.[test,deploy]'
	if command -v npm >/dev/null; then npm install --prefix $(VENV) --no-save --no-fund --no-audit --loglevel=error configurable-http-proxy@~5.1 \
	  || echo 'configurable-http-proxy not installed: tests/deploy will skip (and fail in CI)'; fi
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run  ## a demonstration on the sample data, in its own store (a real workshop: see README)
	$(BIN)/saara-kit serve --demo $(ARGS)

lint: $(VENV)/.installed-test  ## ruff (lint and format) over the code, mypy over the typed rooms (pyproject.toml)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

check: $(VENV)/.installed-test  ## for contributors, under 2 minutes: lint and types beside the unit and ui tiers on every core, but the slow charts
	$(MAKE) --no-print-directory lint & lint=$$!; \
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow" tests/unit tests/ui tests/test_repository.py; tests=$$?; \
	wait $$lint; linted=$$?; exit $$(( tests || linted ))

# Every tier: lint and types beside unit, ui and notebooks on every core, a file per worker, the longest
# files first (tests/conftest.py: LONGEST_FIRST); the browser tier likewise on three workers: its tests
# wait on servers and pages as much as they compute (2 workers: 8 min 09 s, 3: 7 min 33 s, 4: 8 min 56 s);
# last, one at a time, the tests that load the machine or measure it (-m alone: the room of thirty,
# the server's memory over reloads). Every tier runs, so one report shows every failure.
BY_FILE := --dist loadfile --no-loadscope-reorder --durations=10  # each tier names its ten slowest
test: $(VENV)/.installed-test
	$(MAKE) --no-print-directory lint & lint=$$!; \
	$(BIN)/python -m pytest -n auto $(BY_FILE) -m "not browser" tests; fast=$$?; \
	wait $$lint; linted=$$?; \
	$(BIN)/python -m pytest -n 3 $(BY_FILE) -m "browser and not alone" tests; browser=$$?; \
	$(BIN)/python -m pytest -m alone tests; alone=$$?; \
	exit $$(( linted || fast || browser || alone ))

lab: $(VENV)/.installed-run  ## JupyterLab on the lessons, in the hub's language (LANG=ar make lab; ARGS="--region sud")
	$(BIN)/saara-kit lab $(ARGS)

bench: $(VENV)/.installed-test  ## timings, printed as ratios
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) outputs .pytest_cache
