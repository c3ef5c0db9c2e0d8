#!/usr/bin/env bash
# The real backend for the browser tests: a fresh SQLite database under var/e2e/, migrated, served
# by runserver. Redis is the one the suite uses (REDIS_URL), under a namespace of its own.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY="${E2E_PYTHON:-.venv/bin/python}"
PORT="${E2E_API_PORT:-8151}"
[ -x "$PY" ] || { echo "e2e: $PY not found; create the virtualenv first (make venv-dev)" >&2; exit 1; }

mkdir -p var/e2e
rm -f var/e2e/db.sqlite3 var/e2e/db.sqlite3-wal var/e2e/db.sqlite3-shm

export DJANGO_SETTINGS_MODULE=atomic_habits_tracker.settings.dev
export DATABASE_URL="sqlite:///$PWD/var/e2e/db.sqlite3"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export REDIS_NAMESPACE="aht-e2e-$$"
export DJANGO_SECRET_KEY="e2e-only-secret-key-not-for-production"
export DJANGO_DEBUG=false
export FRONTEND_URL="http://127.0.0.1:${E2E_WEB_PORT:-8150}"
export THROTTLE_REGISTER=10000/hour THROTTLE_LOGIN=10000/hour THROTTLE_FORGOT_PASSWORD=10000/hour
export LOG_DIR="$PWD/var/e2e/logs" LOG_LEVEL=WARNING

"$PY" manage.py migrate --noinput -v0
echo "e2e: backend log in $PWD/var/e2e/server.log" >&2
exec "$PY" manage.py runserver "127.0.0.1:$PORT" --noreload --skip-checks >>var/e2e/server.log 2>&1
