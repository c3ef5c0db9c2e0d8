#!/usr/bin/env bash
# Builds or tests the React app in frontend/.  Usage: frontend.sh build|test|api-types|check-api-types
# `build` is skipped when dist/ is newer than every source file, and is a no-op without Node.
# `api-types` rewrites src/api/schema.yaml and schema.d.ts from the backend; `check-api-types`
# (part of `test`) fails while the committed ones are stale (docs/frontend.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f frontend/package.json ]; then
  echo "No web app in frontend/ yet: nothing to build."
  exit 0
fi
cd frontend

install_if_needed() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The committed schema and types must be what the backend's code generates now: generate them
# afresh into a temporary folder and compare.
check_api_types() {
  local fresh stale=0
  fresh="$(mktemp -d)"
  bash scripts/gen-api.sh "$fresh" >/dev/null
  for file in schema.yaml schema.d.ts; do
    if ! diff -u --label "committed src/api/$file" --label "generated now" "src/api/$file" "$fresh/$file" >"$fresh/$file.diff"; then
      stale=1
      echo "src/api/$file differs from what the backend generates now (first lines of the diff):" >&2
      head -n 30 "$fresh/$file.diff" >&2
    fi
  done
  rm -rf "$fresh"
  if [ "$stale" = 1 ]; then
    echo "API types are stale: run make api-types" >&2
    return 1
  fi
  echo "API types are current."
}

case "${1:-build}" in
  build)
    if ! command -v npm >/dev/null; then
      echo "Node.js/npm not found: skipping the web app build (the API and admin still run)."
      exit 0
    fi
    install_if_needed
    newest_source=$(find src public index.html package.json package-lock.json vite.config.* tsconfig*.json -type f -newer dist/index.html 2>/dev/null | head -n 1 || true)
    if [ -f dist/index.html ] && [ -z "$newest_source" ]; then
      echo "Web app build is current."
    else
      npm run build
    fi
    ;;
  api-types)
    install_if_needed
    bash scripts/gen-api.sh
    ;;
  check-api-types)
    install_if_needed
    check_api_types
    ;;
  test)
    install_if_needed
    check_api_types
    npm run typecheck
    npm run lint
    npm test
    npm run e2e
    ;;
  *) echo "usage: $0 build|test|api-types|check-api-types" >&2; exit 2 ;;
esac
