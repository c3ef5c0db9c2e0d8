# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench bench-replicas fuzz venv venv-dev superuser migrate frontend api-types lint format clean

run: venv frontend
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	@if [ -n "$(DEMO)" ]; then $(PY) manage.py seed_demo --users 1 --days 365 --if-missing; fi
	$(PY) scripts/run.py

test:
	@bash scripts/test.sh

# Timings live here, never in tests: recreates the aht_bench database, prints one table against
# the budgets and writes bench/results/latest.json (about 7 minutes; see docs/performance.md).
bench: venv-dev
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(PY) bench/run.py

# The web tier: 1 vs 3 gunicorn replicas behind nginx, and a rolling restart under load (about
# 7 minutes; bench/replicas.py, docs/performance.md "Web tier").
bench-replicas: venv-dev
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx)
	$(PY) bench/replicas.py

# The schema fuzzer with more, random examples (make test runs a bounded, derandomized pass).
fuzz: venv-dev
	FUZZ_EXAMPLES=300 FUZZ_RANDOM=1 $(VENV)/bin/pytest fuzz -p no:xdist -q

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.installed $@

frontend:
	@bash scripts/frontend.sh build

# Regenerates the API schema and the web app's types from it (make test fails while they are stale).
api-types: venv
	@bash scripts/frontend.sh api-types

migrate: venv
	$(PY) manage.py migrate

superuser: venv
	$(PY) manage.py createsuperuser

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: venv-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles var/* frontend/node_modules frontend/dist
