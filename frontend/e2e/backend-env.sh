# Sourced by backend.sh and run-task.sh: the environment of the browser tests' backend.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PY="${E2E_PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || { echo "e2e: $PY not found; create the virtualenv first (make venv-dev)" >&2; exit 1; }
mkdir -p var/e2e
export DJANGO_SETTINGS_MODULE=atomic_habits_tracker.settings.dev
export DATABASE_URL="sqlite:///$PWD/var/e2e/db.sqlite3"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DJANGO_SECRET_KEY="e2e-only-secret-key-not-for-production"
export DJANGO_DEBUG=false
export FRONTEND_URL="http://127.0.0.1:${E2E_WEB_PORT:-8150}"
export THROTTLE_REGISTER=10000/hour THROTTLE_LOGIN=10000/hour THROTTLE_FORGOT_PASSWORD=10000/hour
export LOG_DIR="$PWD/var/e2e/logs" LOG_LEVEL=WARNING
# The server picks a fresh Redis namespace per run; tasks run from the tests must use the same.
if [ -f var/e2e/namespace ]; then REDIS_NAMESPACE="$(cat var/e2e/namespace)"; export REDIS_NAMESPACE; fi
# Web Push on, with a key pair made for the browser tests only (push.spec.ts), and the test's own
# local push service (http://127.0.0.1:<port>) allowed as an endpoint.
export WEBPUSH_VAPID_PUBLIC_KEY="BAaWAOhNQlW6AcfvtuGlI-NhP_wCv3lVnV_VXjUPHITfeM-fIn0DhwtbDrYZcbrUvpnFobshmdRLARkOzJz4M14"
export WEBPUSH_VAPID_PRIVATE_KEY="92rHLfpKSaVnD2w1iIF0O5D6XuwoYNb3KFenBdNk8Hc"
export WEBPUSH_ENDPOINT_HOSTS=127.0.0.1 WEBPUSH_ALLOW_HTTP_ENDPOINTS=true
