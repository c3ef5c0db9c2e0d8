"""A throwaway PostgreSQL primary with a streaming replica, and a PgBouncer, for the replica and
pooler tests: real servers from the installed PostgreSQL 15 binaries, on free loopback ports,
in a temporary directory removed at the end.

PostgreSQL and PgBouncer refuse to run as root: as root the servers run as the `postgres` user
(runuser), with their directories handed to it."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.db import connections

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PGBOUNCER = Path(os.environ.get("PGBOUNCER", "/usr/sbin/pgbouncer"))
SERVER_USER = "postgres"
DATABASE = "aht"


def missing_binaries() -> str | None:
    """Why the servers cannot be made here, or None."""
    for binary in ("initdb", "pg_ctl", "pg_basebackup"):
        if not (PG_BIN / binary).is_file():
            return f"PostgreSQL server binaries not found ({PG_BIN / binary}; set PG_BIN)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing (PostgreSQL refuses to run as root)"
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no {SERVER_USER!r} user to run PostgreSQL as"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *args] if os.geteuid() == 0 else args


def _run(args: list[str], timeout: float = 120) -> None:
    result = subprocess.run(
        _as_server_user([str(arg) for arg in args]), capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr[-2000:]}")


def run_client(program: str, *args) -> None:
    """A PostgreSQL client program (psql, pg_dump) of the same version as the servers."""
    result = subprocess.run(
        [str(PG_BIN / program), *map(str, args)], capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr[-2000:]}")


def _wait_for_port(port: int, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


def url(port: int, database: str = DATABASE) -> str:
    return f"postgres://{SERVER_USER}@127.0.0.1:{port}/{database}"


def connect(port: int, database: str = DATABASE, **options) -> psycopg.Connection:
    return psycopg.connect(url(port, database), autocommit=True, **options)


@dataclass
class Replication:
    directory: Path
    primary_port: int
    replica_port: int

    def wait_until_replayed(self, *, seconds: float = 30) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        with connect(self.primary_port) as primary:
            target = primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
        deadline = time.monotonic() + seconds
        with connect(self.replica_port) as replica:
            while time.monotonic() < deadline:
                behind = replica.execute(
                    "SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn()) > 0", [target]
                ).fetchone()[0]
                if not behind:
                    return
                time.sleep(0.02)
        raise RuntimeError("the replica did not catch up")

    @contextmanager
    def replay_paused(self):
        """The replica keeps receiving WAL but stops applying it: its reads fall behind."""
        with connect(self.replica_port) as replica:
            replica.execute("SELECT pg_wal_replay_pause()")
            try:
                yield
            finally:
                replica.execute("SELECT pg_wal_replay_resume()")


def _server_options(port: int, directory: Path) -> str:
    # Durability off (a throwaway cluster); WAL for a replica; small, so it starts fast.
    return (
        f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} "
        "-c fsync=off -c full_page_writes=off -c wal_level=replica "
        "-c max_wal_senders=4 -c shared_buffers=16MB -c max_connections=40"
    )


@contextmanager
def replication_started():
    """A primary (initdb) with the database `aht`, and its streaming replica (pg_basebackup -R)."""
    directory = Path(tempfile.mkdtemp(prefix="aht-replication-"))
    if os.geteuid() == 0:
        shutil.chown(directory, SERVER_USER, SERVER_USER)
    directory.chmod(0o700)
    primary, replica = directory / "primary", directory / "replica"
    setup = Replication(directory=directory, primary_port=free_port(), replica_port=free_port())
    started = []
    try:
        _run([PG_BIN / "initdb", "-D", primary, "-U", SERVER_USER, "--auth=trust", "-N",
              "-E", "UTF8", "--locale=C"])  # fmt: skip
        _run([PG_BIN / "pg_ctl", "-D", primary, "-l", directory / "primary.log", "-w",
              "-o", _server_options(setup.primary_port, directory), "start"])  # fmt: skip
        started.append(primary)
        with connect(setup.primary_port, "postgres") as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")
        _run([PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", setup.primary_port,
              "-U", SERVER_USER, "-D", replica, "-R", "-X", "stream", "-c", "fast"])  # fmt: skip
        _run([PG_BIN / "pg_ctl", "-D", replica, "-l", directory / "replica.log", "-w",
              "-o", _server_options(setup.replica_port, directory), "start"])  # fmt: skip
        started.append(replica)
        yield setup
    finally:
        for data in reversed(started):
            _run([PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "stop"])
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def pgbouncer_started(*, server_port: int, directory: Path):
    """PgBouncer in transaction mode in front of `aht` on server_port, on a port of its own.
    Two server connections used round robin: consecutive transactions of one client land on
    different server connections, so any session state the app relied on would be lost."""
    port = free_port()
    config = directory / "pgbouncer.ini"
    (directory / "userlist.txt").write_text(f'"{SERVER_USER}" ""\n')
    config.write_text(
        f"""[databases]
{DATABASE} = host=127.0.0.1 port={server_port} dbname={DATABASE}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {directory / "userlist.txt"}
admin_users = {SERVER_USER}
pool_mode = transaction
default_pool_size = 2
min_pool_size = 2
server_round_robin = 1
max_client_conn = 50
logfile = {directory / "pgbouncer.log"}
"""
    )
    if os.geteuid() == 0:
        for path in (config, directory / "userlist.txt"):
            shutil.chown(path, SERVER_USER, SERVER_USER)
    process = subprocess.Popen(
        _as_server_user([str(PGBOUNCER), str(config)]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def django_databases(databases: dict[str, dict]):
    """Django's connections pointed at `databases` (aliases to settings dicts, as settings
    makes them) for the duration; the suite's own databases afterwards."""
    saved = connections.settings
    connections.close_all()
    aliases = set(saved) | set(databases)
    connections.settings = connections.configure_settings(databases)
    _forget(aliases)
    try:
        yield
    finally:
        connections.close_all()
        connections.settings = saved
        _forget(aliases)


def _forget(aliases) -> None:
    """Drops this thread's connection objects, so the next use builds them from the settings."""
    for alias in aliases:
        with suppress(AttributeError):
            del connections[alias]
