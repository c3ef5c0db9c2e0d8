"""`make bench`: the numbers, measured the same way every time, against PostgreSQL and Redis.

Recreates the database BENCH_DB (default aht_bench), seeds it, runs every row, prints one table
with the budgets and whether each is met, and writes bench/results/latest.json. A row whose
feature is not installed prints "not available: <why>" instead of a number.

Environment: BENCH_PG (server URL without a database, default postgres://postgres@127.0.0.1:5432),
BENCH_DB, BENCH_REDIS_URL (default redis://127.0.0.1:6379/0), BENCH_PORT (gunicorn, default 8300,
loopback only), BENCH_HTTP_SECONDS (per HTTP row, default 60), BENCH_ONLY (comma-separated row
keys, to run a few rows while profiling), BENCH_REMINDERS (reminders in the burst of the reminder
rows, default 200).
"""

import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = os.environ.get("BENCH_DB", "aht_bench")
SETTINGS_ENV = {
    # Production settings: DEBUG off, persistent connections, the real cache. Only what a
    # plain-HTTP loopback run needs is relaxed.
    "DJANGO_SETTINGS_MODULE": "atomic_habits_tracker.settings.prod",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"{PG_SERVER}/{DB_NAME}",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
    "REDIS_NAMESPACE": f"bench-{DB_NAME}",
    "LOG_LEVEL": "WARNING",
    "LOG_FILE_NAME": "bench.log",
}


def reset_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def clear_redis_namespace() -> None:
    import redis

    client = redis.Redis.from_url(SETTINGS_ENV["REDIS_URL"])
    for key in client.scan_iter(match=f"{SETTINGS_ENV['REDIS_NAMESPACE']}:*", count=1000):
        client.delete(key)


def machine() -> dict:
    import django
    import redis
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    redis_info = redis.Redis.from_url(SETTINGS_ENV["REDIS_URL"]).info("server")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
        "redis": redis_info["redis_version"],
        "commit": commit,
    }


def fmt_row(row: dict) -> tuple[str, str, str, str]:
    if row.get("unavailable"):
        return row["name"], f"not available: {row['unavailable']}", row.get("budget", ""), ""
    met = {True: "met", False: "MISSED", None: ""}[row.get("met")]
    return row["name"], row["result"], row.get("budget", ""), met


def print_table(rows: list[dict]) -> str:
    lines = [("row", "result", "budget", "met")] + [fmt_row(row) for row in rows]
    widths = [max(len(line[column]) for line in lines) for column in range(4)]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "| "
            + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            + " |"
        )
        if number == 0:
            out.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    table = "\n".join(out)
    print(table, flush=True)
    return table


def main() -> int:
    os.environ.update(SETTINGS_ENV)
    sys.path.insert(0, str(ROOT))
    print(f"Bench database {DB_NAME}: recreating and migrating", flush=True)
    reset_database()
    clear_redis_namespace()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import scenarios

    only = {key for key in os.environ.get("BENCH_ONLY", "").split(",") if key}
    started = datetime.now(UTC)
    info = machine()
    print(
        f"{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; PostgreSQL "
        f"{info['postgresql']}, Redis {info['redis']}; load {info['load_average_at_start']}",
        flush=True,
    )
    rows = scenarios.run_all(only=only, root=ROOT, env=dict(os.environ))
    print()
    table = print_table(rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "started_at": started.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "machine": info,
        "rows": rows,
        "table": table,
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    missed = [row["name"] for row in rows if row.get("met") is False]
    print(f"\nWrote {RESULTS / 'latest.json'}.")
    print("Budgets missed: " + ", ".join(missed) if missed else "Every measured budget is met.")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"Bench took {time.perf_counter() - started:.0f} s.")
    sys.exit(code)
