#!/usr/bin/env bash
# The whole suite, as `make test` runs it: lint, migrations check, backend tests (on PostgreSQL,
# then again on SQLite), web app tests.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(python3 scripts/test_env.py)"   # first line: which database and Redis
make -s venv-dev

# Without configuration `make run` uses SQLite and the embedded Redis: after a PostgreSQL run the
# whole suite runs again on those, so their code paths (and PostgreSQL-only assumptions) are tested.
[[ "$DATABASE_URL" == postgres* ]] && second_run=1 || second_run=0

# The embedded Redis serves the first run when no Redis answered, and the second run: started once.
if [ "$START_EMBEDDED_REDIS" = "1" ] || [ "$second_run" = "1" ]; then
  .venv/bin/python scripts/embedded_redis.py start "$EMBEDDED_TEST_REDIS_PORT" >/dev/null
  trap '.venv/bin/python scripts/embedded_redis.py stop "$EMBEDDED_TEST_REDIS_PORT"' EXIT
fi

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache  # the app layers of docs/architecture.md (.importlinter)

echo "== migrations are up to date"
# An in-memory database: the check needs no server, only the models and migration files.
DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=atomic_habits_tracker.settings.ci \
  .venv/bin/python manage.py makemigrations --check --dry-run

echo "== kubernetes manifests"
# deploy/k8s/ rendered by kustomize and checked against the Kubernetes schemas, offline.
.venv/bin/python scripts/k8s_manifests.py

echo "== backend tests"
.venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"

if [ "$second_run" = "1" ]; then
  echo "== backend tests on SQLite and the embedded Redis"
  DATABASE_URL="$SQLITE_TEST_DATABASE_URL" REDIS_URL="$EMBEDDED_TEST_REDIS_URL" \
    .venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"
fi

if [ -f frontend/package.json ]; then
  echo "== web app"
  command -v npm >/dev/null || { echo "npm is missing: the web app tests cannot run" >&2; exit 1; }
  bash scripts/frontend.sh test
fi
