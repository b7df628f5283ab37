# Two entry points for a fresh machine: `make run` (dashboard on http://localhost:8501) and `make test`.
# Both install what they need into .venv first; re-running skips what is already installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run run-public store migrate test test-sqlite test-postgres postgres install install-dev browser demo-data bench bench-load screenshots clean

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

# No server builds or alters its store: `make store` prepares it first.
run: store
	$(BIN)/streamlit run app.py

# The schema of DASBOR_DB_URL brought to the newest migration (migrations/, Alembic); nothing else.
migrate: install
	$(BIN)/python -m lib.core.migrate

# The store of DASBOR_DB_URL migrated, then built from data/ (or brought up to date): run before any server starts.
store: install
	$(BIN)/python -m lib.core.seed

# The public deployment: DASBOR_MODE=public with Streamlit's server hardened. The options come from
# lib/ui/hardening.py (the list app.py checks), printed as STREAMLIT_... variables. The public server only
# reads, so the store is built first.
run-public: store
	env DASBOR_MODE=public $$($(BIN)/python -m lib.ui.hardening) $(BIN)/streamlit run app.py

# The whole suite on SQLite, then again on a throwaway PostgreSQL server (scripts/postgres.sh installs and starts it).
test: install-dev browser
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory test-sqlite test-postgres

test-sqlite: install-dev browser
	$(BIN)/python -m pytest

test-postgres: install-dev browser
	DASBOR_TEST_POSTGRES_URL=$$(bash scripts/postgres.sh) $(BIN)/python -m pytest

postgres:
	bash scripts/postgres.sh

demo-data: install
	$(BIN)/python scripts/make_demo_data.py

screenshots: install-dev browser
	$(BIN)/python scripts/screenshots.py

# Simulated browsers on the dashboard beside an empty Streamlit page (bench/README.md); options in ARGS="...".
bench-load: install-dev
	$(BIN)/python -m bench.load $(ARGS)

clean:
	rm -rf var/ .pytest_cache screenshots/
