"""`make bench-replicas`: the web tier's load test (issue 17, item 5) on loopback.

Three gunicorn replicas (WORKERS_PER_REPLICA sync workers each) and two real nginx in front of
them, both rendered from deploy/nginx/nginx.conf: one whose upstream is replica 1 alone, one whose
upstream is all three. wrk replays `GET /api/instances/today/` of seeded users with their JWTs
(bench/wrk/replay.lua, as `make bench` does). Rows, each a share of the baseline measured in the
same run, interleaved slice by slice (the house rule, bench/http_rows.py):

- baseline: nginx -> 1 replica
- 1 replica without nginx (what the proxy costs)
- nginx -> 3 replicas (the scaling)
- nginx -> 3 replicas during a rolling restart: each replica in turn SIGTERM, exit, start, ready
  (/readyz), while wrk runs; every non-2xx answer is counted from wrk and from nginx's access log.
- the same, each replica drained first (marked down in the upstream, nginx reloaded) and taken
  back once ready: what Kubernetes does with a pod's endpoints before its SIGTERM.

Environment: as bench/run.py (BENCH_PG, BENCH_REDIS_URL, BENCH_REUSE_DB) with BENCH_DB defaulting
to aht_bench_replicas; BENCH_HTTP_SECONDS per row (default 20), BENCH_USERS (default 300),
BENCH_CONNECTIONS (wrk connections, default 8). Writes bench/results/replicas.json.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("BENCH_DB", "aht_bench_replicas")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench_run  # noqa: E402  (reads BENCH_DB when imported)

WORKERS_PER_REPLICA = 1
REPLICAS = 3
SLICE_SECONDS = 2
PATH = "/api/instances/today/"
SCRIPT = ROOT / "bench" / "wrk" / "replay.lua"


def wrk(base: str, lines_file: Path, *, seconds: float, connections: int) -> dict:
    load_before = round(os.getloadavg()[0], 2)
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(SCRIPT)]
        + [base, "--", str(lines_file), "1"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["load"] = [load_before, round(os.getloadavg()[0], 2)]
    return result


def seed(users: int) -> list[str]:
    """Seeded users' `/today/` requests with their JWTs (a month of history, 10 habits each)."""
    from django.utils import timezone

    from bench.http_rows import _access_token
    from demo.services import demo_data_seed
    from users.models import User

    existing = list(
        User.objects.filter(email__startswith="replicas").order_by("id").values_list("id", flat=1)
    )
    if len(existing) < users:
        result = demo_data_seed(
            users=users,
            habits_per_user=10,
            days=30,
            now=timezone.now(),
            password="bench-password",
            email_prefix="replicas",
        )
        existing = result.user_ids
    return [f"GET {PATH} {_access_token(user_id)}" for user_id in existing[:users]]


def interleave(targets: dict, lines_file: Path, *, seconds: int, connections: int) -> dict:
    """Each target measured for `seconds` in slices of SLICE_SECONDS, the order rotated every
    slice so none always follows another."""
    from bench.http_rows import merge_slices

    parts = {name: [] for name in targets}
    names = list(targets)
    for number in range(max(1, round(seconds / SLICE_SECONDS))):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            part = wrk(targets[name], lines_file, seconds=SLICE_SECONDS, connections=connections)
            parts[name].append(part)
    return {name: merge_slices(slices) for name, slices in parts.items()}


def main() -> int:
    from bench.webtier import Nginx, Replica, access_log_summary, free_port, nginx_binary

    if nginx_binary() is None:
        print("not available: nginx is not installed")
        return 1
    seconds = int(os.environ.get("BENCH_HTTP_SECONDS", "20"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "8"))
    os.environ.update(bench_run.SETTINGS_ENV)
    kept = bench_run.reset_database()
    bench_run.clear_redis_namespace()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    info = bench_run.machine()
    started = datetime.now(UTC)
    lines = seed(int(os.environ.get("BENCH_USERS", "300")))
    print(f"{len(lines)} users; load {info['load_average_at_start']}", flush=True)
    from django.db import connections as django_connections

    django_connections.close_all()
    scratch = Path(tempfile.mkdtemp(prefix="aht-replicas-"))
    lines_file = scratch / "lines.txt"
    lines_file.write_text("\n".join(lines) + "\n")
    dist = scratch / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><div id=root></div>")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.prod"}
    replicas = [
        Replica(port=free_port(), env=env, log_dir=scratch, workers=WORKERS_PER_REPLICA)
        for _ in range(REPLICAS)
    ]
    results: dict = {}
    try:
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.wait_ready()
        one = Nginx(
            prefix=scratch / "nginx-one", port=free_port(), api=[replicas[0].address], root=dist
        )
        three = Nginx(
            prefix=scratch / "nginx-three",
            port=free_port(),
            api=[replica.address for replica in replicas],
            root=dist,
        )
        with one, three:
            targets = {
                "nginx -> 1 replica (baseline)": one.base,
                "1 replica, no nginx": f"http://{replicas[0].address}",
                f"nginx -> {REPLICAS} replicas": three.base,
            }
            for base in targets.values():  # every replica's worker warmed
                wrk(base, lines_file, seconds=1, connections=connections)
            results = interleave(targets, lines_file, seconds=seconds, connections=connections)
            for key, drain in (("rolling", False), ("rolling, drained", True)):
                results[key] = rolling_row(three, replicas, lines_file, connections, drain=drain)
                results[key]["access_log"] = access_log_summary(three.access_log())
    finally:
        for replica in replicas:
            replica.stop()
    info["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    report = {
        "started_at": started.isoformat(),
        "machine": info,
        "workers_per_replica": WORKERS_PER_REPLICA,
        "connections": connections,
        "seconds_per_row": seconds,
        "reused_db": kept,
        "rows": results,
    }
    print_table(report)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "replicas.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    # The budget is the plain rolling restart's: not one failed request. The drained row is
    # reported, not gated: each drain is an nginx reload, whose old workers close their idle
    # client keep-alive connections, and a request wrk sends on one at that instant is lost to
    # wrk (a browser resends it); docs/performance.md, "Web tier".
    rolling = results["rolling"]
    failed = rolling["error_count"] + rolling["access_log"]["failed"]
    print(f"Rolling restart: {failed} failed requests." if failed else "Rolling restart: 0 errors.")
    return 1 if failed else 0


def rolling_row(nginx, replicas, lines_file: Path, connections: int, *, drain: bool) -> dict:
    """wrk through nginx from 3 s before the rolling restart until 3 s after it, then stopped
    with SIGINT (wrk then reports as at the end of its duration). Its timeout is 30 s, not the
    other rows' 5 s: a browser waits that long, and a slow answer is reported in the latency."""
    from bench.http_rows import merge_slices
    from bench.webtier import rolling_restart

    (nginx.prefix / "access.log").write_text("")  # only this row's requests
    subprocess.run(["kill", "-USR1", str(nginx.process.pid)], check=True)  # reopen the log
    load_before = round(os.getloadavg()[0], 2)
    command = ["wrk", "-t1", f"-c{connections}", "-d600s", "--timeout", "30s", "-s", str(SCRIPT)]
    load = subprocess.Popen(
        command + [nginx.base, "--", str(lines_file), "1"], stdout=subprocess.PIPE, text=True
    )
    time.sleep(3)
    began = time.monotonic()
    steps = rolling_restart(replicas, settle_seconds=2, drain=nginx if drain else None)
    restart_seconds = time.monotonic() - began
    time.sleep(3)
    load.send_signal(signal.SIGINT)
    output, _ = load.communicate(timeout=60)
    result = json.loads(output.strip().splitlines()[-1])
    result["load"] = [load_before, round(os.getloadavg()[0], 2)]
    row = merge_slices([result])
    row.update(steps=steps, restart_seconds=round(restart_seconds, 1))
    return row


def print_table(report: dict) -> None:
    rows = report["rows"]
    baseline = rows["nginx -> 1 replica (baseline)"]["rps"]
    print("\n| row | req/s | x baseline (same run) | p50 ms | p99 ms | errors | requests |")
    print("|---|---|---|---|---|---|---|")
    for name, row in rows.items():
        label = f"nginx -> 3 replicas, {name} restart" if name.startswith("rolling") else name
        print(
            f"| {label} | {row['rps']:,.0f} | {row['rps'] / baseline:.2f} | "
            f"{row['latency_us']['p50'] / 1000:.1f} | {row['latency_us']['p99'] / 1000:.1f} | "
            f"{row['error_count']} | {row['requests']:,} |"
        )
    for key in ("rolling", "rolling, drained"):
        row = rows[key]
        print(
            f"\n{key}: max {row['latency_us']['max'] / 1e6:.1f} s; {row['steps']}; "
            f"nginx access log {row['access_log']}"
        )
    print(
        f"load {report['machine']['load_average_at_start']} -> "
        f"{report['machine']['load_average_at_end']}"
    )


if __name__ == "__main__":
    sys.exit(main())
