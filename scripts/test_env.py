"""Chooses the services the test suite runs against and prints them as shell assignments.

DATABASE_URL / REDIS_URL from the environment win; else the local PostgreSQL on 127.0.0.1:5432
(user postgres) and Redis on 127.0.0.1:6379 when they answer; else SQLite and the embedded Redis
(START_EMBEDDED_REDIS=1 asks the caller to start it). Also printed: the SQLite database and the
embedded Redis of the suite's second run (SQLITE_TEST_DATABASE_URL, EMBEDDED_TEST_REDIS_URL), which
scripts/test.sh makes when the first ran on PostgreSQL. EMBEDDED_TEST_REDIS_PORT (default 6480)
moves the embedded Redis, for several checkouts on one machine. Standard library only: it runs
before the virtualenv exists.
"""

import os
import shlex
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def main() -> None:
    embedded_port = int(os.environ.get("EMBEDDED_TEST_REDIS_PORT", "6480"))
    embedded_redis_url = f"redis://127.0.0.1:{embedded_port}/0"
    # ci.py keeps the test database itself next to it, in var/test-db.sqlite3[_gwN]
    sqlite_url = f"sqlite:///{ROOT / 'var' / 'test.sqlite3'}"
    database = os.environ.get("DATABASE_URL")
    if not database:
        database = (
            "postgres://postgres@127.0.0.1:5432/atomic_habits"
            if answers("127.0.0.1", 5432)
            else sqlite_url
        )
    redis_url = os.environ.get("REDIS_URL")
    embedded = "0"
    if not redis_url:
        if answers("127.0.0.1", 6379):
            redis_url = "redis://127.0.0.1:6379/0"
        else:
            redis_url = embedded_redis_url
            embedded = "1"
    assignments = {
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "START_EMBEDDED_REDIS": embedded,
        "EMBEDDED_TEST_REDIS_PORT": str(embedded_port),
        "EMBEDDED_TEST_REDIS_URL": embedded_redis_url,
        "SQLITE_TEST_DATABASE_URL": sqlite_url,
    }
    print(
        "export "
        + " ".join(f"{name}={shlex.quote(value)}" for name, value in sorted(assignments.items()))
    )
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    where = "embedded Redis" if embedded == "1" else "Redis"
    print(f"echo 'Testing against {kind} ({database}) and {where} ({redis_url})'")


if __name__ == "__main__":
    main()
