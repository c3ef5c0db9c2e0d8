#!/usr/bin/env bash
# Runs one periodic task of the backend once, as beat would, against the browser tests' database.
# Usage: run-task.sh <module> <function>, e.g. run-task.sh habit_instances.tasks habit_instances_advance_task
set -euo pipefail
source "$(dirname "$0")/backend-env.sh"
exec "$PY" manage.py shell -v0 -c "from $1 import $2; print($2())"
