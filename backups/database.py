"""The whole database to one file and back: `pg_dump` custom format on PostgreSQL, the online
backup API on SQLite. Both run while the site serves traffic.

A PostgreSQL restore runs as the application's own role and needs no superuser: the dump carries
no owners or privileges, and the restore is one psql transaction that first drops every relation
that role owns, then replays the dump, so a failure leaves the database as it was.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

POSTGRESQL_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"


class DatabaseToolFailed(Exception):
    """pg_dump, pg_restore or psql is missing, too old for the server, or failed."""


def database_vendor() -> str:
    return connection.vendor


def database_file_name() -> str:
    return POSTGRESQL_FILE if connection.vendor == "postgresql" else SQLITE_FILE


def database_dump(*, path: Path) -> None:
    if connection.vendor == "postgresql":
        _pg_dump(path)
    elif connection.vendor == "sqlite":
        _sqlite_dump(path)
    else:
        raise DatabaseToolFailed(f"no backup for the {connection.vendor} database")


def database_restore(*, path: Path) -> None:
    if connection.in_atomic_block:
        raise RuntimeError("a restore replaces the whole database: not inside a transaction")
    if connection.vendor == "postgresql":
        _pg_restore(path)
    else:
        _sqlite_restore(path)
    # Whatever this process held (a connection, cached rows) describes the database before.
    connection.close()


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite_dump(path: Path) -> None:
    """What is committed, read through a connection of its own: SQLite's backup from a
    connection that holds a write transaction waits for it forever (Python retries the busy
    step without end), and in WAL mode a reader of its own neither waits for a writer nor makes
    one wait. An in-memory database has no other connection: its own is used."""
    name = str(connection.settings_dict["NAME"])
    in_memory = name == ":memory:" or "mode=memory" in name
    if in_memory:
        connection.ensure_connection()
        source = connection.connection
    else:
        source = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        if not in_memory:
            source.close()


def _sqlite_restore(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.ensure_connection()
    try:
        # page by page into the live database, under its write lock: readers in other
        # processes see the old database or the new one, never a mix
        source.backup(connection.connection)
    finally:
        source.close()


# --- PostgreSQL --------------------------------------------------------------------------------

# Drops what the restoring role owns, whatever the schema; run in the restore's transaction.
_DROP_OWNED_RELATIONS = """
DO $$
DECLARE relation record;
BEGIN
  FOR relation IN
    SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
      AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%'
      -- a serial's or identity's sequence goes with its table
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                      AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE 'DROP ' || CASE relation.kind
      WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
      WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END
      || ' IF EXISTS ' || relation.name || ' CASCADE';
  END LOOP;
END $$;
"""


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the connection Django uses: no password on a command line."""
    database = connection.settings_dict
    variables = {
        "PGDATABASE": database["NAME"],
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGSSLMODE": (database.get("OPTIONS") or {}).get("sslmode", ""),
        "PGAPPNAME": "atomic-habits-backup",
    }
    return {**os.environ, **{name: value for name, value in variables.items() if value}}


def _server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _pg_tool(name: str) -> str:
    """The tool of the server's major version or newer: an older pg_dump refuses a newer server.
    BACKUP_PG_BIN_DIR, else Debian's directory for the server's version, else the PATH."""
    server_major = _server_major()
    candidates = [
        Path(settings.BACKUP_PG_BIN_DIR) / name if settings.BACKUP_PG_BIN_DIR else None,
        Path(f"/usr/lib/postgresql/{server_major}/bin/{name}"),
        Path(found) if (found := shutil.which(name)) else None,
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            version = subprocess.run(
                [str(candidate), "--version"], capture_output=True, text=True, check=False
            ).stdout
            match = re.search(r"\) (\d+)", version)
            if match and int(match.group(1)) >= server_major:
                return str(candidate)
    raise DatabaseToolFailed(
        f"no {name} of PostgreSQL {server_major} or newer (install postgresql-client-"
        f"{server_major} or set BACKUP_PG_BIN_DIR)"
    )


def _run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, env=_pg_environment(), **kwargs)
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise DatabaseToolFailed(f"{Path(command[0]).name} failed: {message[-2000:]}")


def _pg_dump(path: Path) -> None:
    _run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={path}",
        ]
    )


def _pg_restore(path: Path) -> None:
    pg_restore, psql = _pg_tool("pg_restore"), _pg_tool("psql")
    # The SQL script goes to a file first: piped, a pg_restore dying halfway would end psql's
    # input early and psql would commit half a database.
    script = path.with_suffix(".sql")
    try:
        _run([pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(path)])
        _run(
            [
                psql,
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                f"--command={_DROP_OWNED_RELATIONS}",
                f"--file={script}",
            ]
        )
    finally:
        script.unlink(missing_ok=True)
