#!/usr/bin/env bash
# Builds or tests the React app in frontend/.  Usage: frontend.sh build|test
# `build` is skipped when dist/ is newer than every source file, and is a no-op without Node.
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
  test)
    install_if_needed
    npm test
    npm run e2e
    ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
