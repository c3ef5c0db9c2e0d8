#!/usr/bin/env bash
# Writes the API's OpenAPI schema (drf-spectacular) and the TypeScript types generated from it
# (openapi-typescript) into OUT_DIR: schema.yaml and schema.d.ts.
# Usage: gen-api.sh [OUT_DIR]   (default src/api; the staleness check passes a temporary folder)
set -euo pipefail
frontend="$(cd "$(dirname "$0")/.." && pwd)"
root="$(dirname "$frontend")"
out="$(mkdir -p "${1:-$frontend/src/api}" && cd "${1:-$frontend/src/api}" && pwd)"
py="${API_TYPES_PYTHON:-$root/.venv/bin/python}"
[ -x "$py" ] || { echo "gen-api: $py not found; create the virtualenv first (make venv)" >&2; exit 1; }

# The schema needs only the code, not a server: an in-memory database and the test settings.
# PYTHONTZPATH= makes zoneinfo read the pinned `tzdata` package alone, so the schema's list of
# time zones is the same on every machine instead of following the system's zone files.
(
  cd "$root"
  PYTHONTZPATH= DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=atomic_habits_tracker.settings.ci \
    "$py" manage.py spectacular --validate --fail-on-warn --file "$out/schema.yaml"
)

# --default-non-nullable false: a field with a server default is optional in a request body,
# not required (response fields are all listed as required by the schema itself).
cd "$frontend"
npx --no-install openapi-typescript "$out/schema.yaml" --output "$out/schema.d.ts" \
  --default-non-nullable false
