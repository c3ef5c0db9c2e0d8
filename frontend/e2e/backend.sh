#!/usr/bin/env bash
# The real backend for the browser tests: a fresh SQLite database under var/e2e/, migrated, served
# by runserver. Redis is the one the suite uses (REDIS_URL), under a namespace of its own.
set -euo pipefail
mkdir -p "$(dirname "$0")/../../var/e2e"
echo "aht-e2e-$$-$(date +%s)" > "$(dirname "$0")/../../var/e2e/namespace"
source "$(dirname "$0")/backend-env.sh"
rm -f var/e2e/db.sqlite3 var/e2e/db.sqlite3-wal var/e2e/db.sqlite3-shm

"$PY" manage.py migrate --noinput -v0
echo "e2e: backend log in $PWD/var/e2e/server.log" >&2
exec "$PY" manage.py runserver "127.0.0.1:${E2E_API_PORT:-8151}" --noreload --skip-checks >>var/e2e/server.log 2>&1
