#!/usr/bin/env bash
# Creates the roles the application connects as (roles.psql says what each may do). The postgres
# image runs this once, when its data volume is empty. It is safe to run again: after changing a
# password, or on a volume made before these roles existed (docs/operations.md, "Database roles").
# psql connects as the image's entrypoint does (PGHOST etc. point it elsewhere, as the tests do).
set -eo pipefail
psql -v ON_ERROR_STOP=1 --no-psqlrc \
  --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  -v database="${POSTGRES_DB:-postgres}" \
  -v owner_role="${DB_OWNER_ROLE:-aht_owner}" \
  -v owner_password="${DB_OWNER_PASSWORD:?set DB_OWNER_PASSWORD}" \
  -v app_role="${DB_APP_ROLE:-aht_app}" \
  -v app_password="${DB_APP_PASSWORD:?set DB_APP_PASSWORD}" \
  -f "$(dirname "${BASH_SOURCE[0]}")/roles.psql"
