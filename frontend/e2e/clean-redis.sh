#!/usr/bin/env bash
# Deletes every Redis key of this run's namespace (var/e2e/namespace, written by backend.sh): the
# cache (throttles, stats), Celery's queue and bindings (tasks the backend queued have no worker
# here, and those keys never expire). Keys of other namespaces, and other runs, are left alone.
# Called by global-setup.ts when the run ends.
set -euo pipefail
source "$(dirname "$0")/backend-env.sh"
[ -n "${REDIS_NAMESPACE:-}" ] || { echo "e2e: no Redis namespace recorded, nothing to clean" >&2; exit 0; }
"$PY" - <<'PYTHON'
import os

import redis

namespace = os.environ["REDIS_NAMESPACE"]
client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=5)
keys = list(client.scan_iter(match=f"{namespace}:*", count=1000))
removed = client.delete(*keys) if keys else 0
print(f"e2e: removed {removed} Redis keys of namespace {namespace}")
PYTHON
rm -f var/e2e/namespace
