#!/usr/bin/env bash
# Runs one periodic task of the backend once, as beat would, against the browser tests' database.
# Usage: run-task.sh <module> <function> [<arguments>], e.g. run-task.sh habit_instances.tasks
# habit_instances_advance_task; <arguments> is Python call syntax for a task a worker would run
# with arguments, e.g. run-task.sh achievements.tasks achievements_evaluate_user_task 42
set -euo pipefail
source "$(dirname "$0")/backend-env.sh"
exec "$PY" manage.py shell -v0 -c "from $1 import $2; print($2(${3:-}))"
