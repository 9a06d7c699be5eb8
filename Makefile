# Two commands for a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
# pytest-xdist workers for `make test`: one per core (each gets its own test database and
# Redis databases, see coalition/test_settings.py). TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

.PHONY: run test install lint format migrate demo serve worker beat bench load clean

$(PY):
	@PYTHON_BIN=$$(scripts/find-python) || exit 1; \
	echo "Python: $$PYTHON_BIN"; \
	"$$PYTHON_BIN" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(NPM_STAMP): package.json
	npm install --no-audit --no-fund --silent
	@touch $(NPM_STAMP)

install: $(STAMP)

## make run: install, migrate, load the demo, serve on http://127.0.0.1:8000
run: export DEBUG := 1
run: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo
	@echo ""
	@echo "Het platform draait op http://127.0.0.1:8000 (Ctrl-C stopt het)."
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: install and run the whole suite (lint, migrations, unit, browser)
test: $(STAMP) $(NPM_STAMP)
	@scripts/ensure-chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrate: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate

demo: $(STAMP)
	DEBUG=1 $(PY) manage.py demo

worker: $(STAMP)
	$(VENV)/bin/celery -A coalition worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A coalition beat --loglevel=INFO

## make bench: speed targets (import/export, registrations, pages); see tests/perf/
bench: $(STAMP)
	$(VENV)/bin/python -m tests.perf.bench

## make load: mixed load (locust, 60 s) against gunicorn with 4 workers on 127.0.0.1;
## PostgreSQL with the national data set (built when empty); results in bench/load.json
load: $(STAMP)
	$(VENV)/bin/python -m tests.perf.load

clean:
	rm -rf $(VENV) node_modules staticfiles
