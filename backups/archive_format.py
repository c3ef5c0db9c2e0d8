"""The layout of one backup file: a gzip-compressed tar, optionally encrypted (backups.crypto).

manifest.json          what, when, from which database, and the stored files' count
database.pgdump        pg_dump custom format (PostgreSQL)  | one of the two
database.sqlite3       an SQLite database file (SQLite)    |
files/<key>            every object of the storage, by its key (backups themselves excepted)
"""

import re
from datetime import UTC, datetime

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES_DIR = "files/"
# Under this prefix of the storage the backups live; never inside a backup themselves.
BACKUPS_PREFIX = "backups/"
_EXTENSION = ".tar.gz"
ENCRYPTED_SUFFIX = ".enc"
_NAME = re.compile(r"^aht-(\d{8}T\d{6}Z)$")
_KEY = re.compile(r"^backups/(aht-\d{8}T\d{6}Z)\.tar\.gz(\.enc)?$")


def backup_name_for(moment: datetime) -> str:
    return "aht-" + moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def backup_key_for(name: str, *, encrypted: bool) -> str:
    return f"{BACKUPS_PREFIX}{name}{_EXTENSION}{ENCRYPTED_SUFFIX if encrypted else ''}"


def backup_name_of_key(key: str) -> str | None:
    match = _KEY.match(key)
    return match.group(1) if match else None


def backup_name_is_valid(name: str) -> bool:
    return bool(_NAME.match(name))


def backup_created_at(name: str) -> datetime:
    stamp = _NAME.match(name).group(1)
    return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
