"""`make bench`: the numbers, measured the same way every time, against PostgreSQL and Redis.

Recreates the database BENCH_DB (default aht_bench), seeds it, runs every row, prints one table
with the budgets and whether each is met, and writes bench/results/latest.json. A row whose
feature is not installed prints "not available: <why>" instead of a number.

Environment: BENCH_PG (server URL without a database, default postgres://postgres@127.0.0.1:5432),
BENCH_DB, BENCH_REDIS_URL (default redis://127.0.0.1:6379/0), BENCH_PORT (gunicorn, default 8300,
loopback only), BENCH_HTTP_SECONDS (per HTTP row, default 60), BENCH_ONLY (comma-separated row
keys, to run a few rows while profiling), BENCH_REMINDERS (reminders in the burst of the reminder
rows, default 200), BENCH_REUSE_DB (1: keep the database of the previous run and its seeded users
instead of recreating and seeding it; for iterating on the HTTP rows, never for recorded numbers).
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
REUSE_DB = os.environ.get("BENCH_REUSE_DB", "") == "1"
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


def reset_database() -> bool:
    """Drops and recreates the bench database; with BENCH_REUSE_DB keeps it if it exists.
    Answers whether it was kept."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
        if REUSE_DB and exists:
            return True
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')
        return False


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


def fmt_row(row: dict) -> tuple[str, str, str, str, str]:
    if row.get("unavailable"):
        return row["name"], f"not available: {row['unavailable']}", "", row.get("budget", ""), ""
    met = {True: "met", False: "MISSED", None: ""}[row.get("met")]
    ratio = f"{row['ratio']:.2f}" if row.get("ratio") is not None else ""
    return row["name"], row["result"], ratio, row.get("budget", ""), met


def format_table(rows: list[dict]) -> str:
    header = ("row", "result", "x baseline (same run, interleaved)", "budget", "met")
    lines = [header] + [fmt_row(row) for row in rows]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "| "
            + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            + " |"
        )
        if number == 0:
            out.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(out)


def main() -> int:
    os.environ.update(SETTINGS_ENV)
    sys.path.insert(0, str(ROOT))
    kept = reset_database()
    print(f"Bench database {DB_NAME}: {'kept' if kept else 'recreated'}, migrating", flush=True)
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
    rows = scenarios.run_all(only=only, root=ROOT, env=dict(os.environ), reuse=kept)
    info["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    print()
    table = format_table(rows) + (
        f"\nLoad average (1, 5, 15 min): {info['load_average_at_start']} before, "
        f"{info['load_average_at_end']} after; {info['cores']} cores."
        + ("\nBENCH_REUSE_DB: the previous run's database, not a fresh seed." if kept else "")
    )
    print(table, flush=True)
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
