# Springbrett: `make demo` serves the app with demo data, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON_DOWNLOADS := never
# Our apps, lowest layer first (.importlinter keeps them pointing down).
APPS := core programs candidates placements mentors reports reminders history stewardship calendars matching workday portal hostportal

.PHONY: demo test check types lint format messages untranslated run worker beat clean bench

$(VENV)/.synced: pyproject.toml uv.lock
	@test -n "$(PYTHON)" || { echo "Springbrett needs Python 3.12 or newer."; exit 1; }
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv sync --frozen --python $(PYTHON)
	@touch $@

var:
	mkdir -p var

translations: $(VENV)/.synced
	$(MANAGE) compile_translations >/dev/null

demo: $(VENV)/.synced var translations
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Springbrett is running at http://127.0.0.1:8000 (Ctrl+C stops it)"
	$(MANAGE) runserver 127.0.0.1:8000

test: $(VENV)/.synced var translations
	$(VENV)/bin/pytest

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/bandit -q -c bandit.yaml -r $(APPS) config -ll
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

# Lint, then the type checker (mypy with django-stubs); CI runs this.
check: lint types

types: $(VENV)/.synced
	$(VENV)/bin/mypy $(APPS) config

format: $(VENV)/.synced
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Extract new strings (needs GNU gettext); then translate the bokmål and nynorsk entries left
# empty. `make untranslated` lists the nynorsk ones with the bokmål text beside them;
# `manage.py untranslated nn --tsv > todo.tsv`, edit, `manage.py apply_translations nn todo.tsv`.
messages: $(VENV)/.synced
	$(MANAGE) makemessages -l nb -l nn -l en --add-location=file --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(MANAGE) fill_english_catalogue
	$(MANAGE) compile_translations

untranslated: $(VENV)/.synced
	$(MANAGE) untranslated nn

# Benchmarks at national size (docs/performance.md): creates or reuses the bench database
# (DATABASE_URL, default springbrett_bench; seeded once, about 8 minutes), needs PostgreSQL,
# Redis and wrk (installed with apt-get when missing). BENCH_SCALE=small for a quick run.
BENCH_SCALE ?= national
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/springbrett_bench
bench: $(VENV)/.synced var translations
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
	BENCH_SCALE=$(BENCH_SCALE) DATABASE_URL=$${DATABASE_URL:-$(BENCH_DATABASE_URL)} $(PY) -m bench

worker: $(VENV)/.synced
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: $(VENV)/.synced
	$(VENV)/bin/celery -A config beat --loglevel=INFO

clean:
	rm -rf $(VENV) var
