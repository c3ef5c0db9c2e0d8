"""Chooses the services the test suite runs against and prints them as shell assignments.

DATABASE_URL / REDIS_URL from the environment win; else the local PostgreSQL on 127.0.0.1:5432
(user postgres) and Redis on 127.0.0.1:6379 when they answer; else SQLite and the embedded Redis
(START_EMBEDDED_REDIS=1 asks the caller to start it). Standard library only: it runs before the
virtualenv exists.
"""

import os
import shlex
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_TEST_REDIS_PORT = 6480


def answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def main() -> None:
    database = os.environ.get("DATABASE_URL")
    if not database:
        if answers("127.0.0.1", 5432):
            database = "postgres://postgres@127.0.0.1:5432/atomic_habits"
        else:
            database = f"sqlite:///{ROOT / 'var' / 'test.sqlite3'}"
    redis_url = os.environ.get("REDIS_URL")
    embedded = "0"
    if not redis_url:
        if answers("127.0.0.1", 6379):
            redis_url = "redis://127.0.0.1:6379/0"
        else:
            redis_url = f"redis://127.0.0.1:{EMBEDDED_TEST_REDIS_PORT}/0"
            embedded = "1"
    print(
        f"export DATABASE_URL={shlex.quote(database)} REDIS_URL={shlex.quote(redis_url)} "
        f"START_EMBEDDED_REDIS={embedded} EMBEDDED_TEST_REDIS_PORT={EMBEDDED_TEST_REDIS_PORT}"
    )
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    where = "embedded Redis" if embedded == "1" else "Redis"
    print(f"echo 'Testing against {kind} ({database}) and {where} ({redis_url})'")


if __name__ == "__main__":
    main()
