# SAARA kit — `make run` serves the participants' forms, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: run test lab bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# with JupyterHub's proxy for tests/deploy, when npm exists (configurable-http-proxy 5.1 runs on Debian's node 18)
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,deploy]'
	if command -v npm >/dev/null; then npm install --prefix $(VENV) --no-save --no-fund --no-audit --loglevel=error configurable-http-proxy@~5.1 \
	  || echo 'configurable-http-proxy not installed: tests/deploy will skip (and fail in CI)'; fi
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run  ## a demonstration on the sample data, in its own store (a real workshop: see README)
	$(BIN)/saara-kit serve --demo $(ARGS)

test: $(VENV)/.installed-test  ## every tier: unit, ui, notebooks (papermill + nbval), browser
	$(BIN)/python -m pytest --nbval-lax tests notebooks

lab: $(VENV)/.installed-run  ## JupyterLab on the lessons, in the hub's language (LANG=ar make lab; ARGS="--region sud")
	$(BIN)/saara-kit lab $(ARGS)

bench: $(VENV)/.installed-test  ## timings, printed as ratios
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) outputs .pytest_cache
