# Two entry points for a fresh machine: `make run` (dashboard on http://localhost:8501) and `make test`.
# Both install what they need into .venv first; re-running skips what is already installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run run-public store test install install-dev browser demo-data bench bench-load screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

browser:
	bash scripts/install_browser.sh

run: install
	$(BIN)/streamlit run app.py

# The store of DASBOR_DB_URL built from data/ (or brought up to date), as the internal server does on start.
store: install
	$(BIN)/python -m lib.core.seed

# The public deployment: DASBOR_MODE=public with Streamlit's server hardened. The options come from
# lib/ui/hardening.py (the list app.py checks), printed as STREAMLIT_... variables. The public server only
# reads, so the store is built first.
run-public: store
	env DASBOR_MODE=public $$($(BIN)/python -m lib.ui.hardening) $(BIN)/streamlit run app.py

test: install-dev browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

demo-data: install
	$(BIN)/python scripts/make_demo_data.py

screenshots: install-dev browser
	$(BIN)/python scripts/screenshots.py

# Simulated browsers on the dashboard beside an empty Streamlit page (bench/README.md); options in ARGS="...".
bench-load: install-dev
	$(BIN)/python -m bench.load $(ARGS)

clean:
	rm -rf var/ .pytest_cache screenshots/
