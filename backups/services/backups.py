"""Whole-site backups: the database and every stored file in one compressed (and, with
BACKUP_ENCRYPTION_KEY, encrypted) file in the object storage; their list, retention and restore.

Large dumps never sit in memory: the database goes to a temporary file, the tar is written
through gzip and the encryption straight to another, and that file is uploaded in chunks.
"""

import io
import json
import logging
import tarfile
import tempfile
import time
import traceback
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import mail_admins

from backups import archive_format as layout
from backups.crypto import DecryptingReader, EncryptingWriter, encryption_key_parse
from backups.database import (
    database_dump,
    database_file_name,
    database_restore,
    database_vendor,
)
from backups.models import Backup, BackupStatus, BackupTrigger
from backups.services.retention import backups_to_keep
from core.exceptions import Conflict, NotFound
from core.storage import (
    storage_keys_list,
    storage_object_open,
    storage_object_save_file,
    storage_object_size,
    storage_objects_delete,
)

logger = logging.getLogger(__name__)

# A scheduled run is due a little before the full interval has passed, so an hourly beat does not
# push each day's backup an hour later than the day before.
_SCHEDULE_SLACK = timedelta(minutes=30)


class BackupRestoreRefused(Exception):
    """The backup cannot be restored here (another database, a newer format, no key)."""


def _encryption_key() -> bytes | None:
    text = settings.BACKUP_ENCRYPTION_KEY
    return encryption_key_parse(text) if text else None


def backups_list() -> list[str]:
    """The names of the backups in the storage, oldest first."""
    names = (layout.backup_name_of_key(key) for key in storage_keys_list(prefix="backups"))
    return sorted(name for name in names if name)


def _backup_key(name: str) -> str:
    if not layout.backup_name_is_valid(name):
        raise NotFound(f"no backup named {name!r}")
    for key in storage_keys_list(prefix="backups"):
        if layout.backup_name_of_key(key) == name:
            return key
    raise NotFound(f"no backup named {name!r}")


# --- making one -------------------------------------------------------------------------------


def backup_create(*, now: datetime, trigger: str = BackupTrigger.COMMAND) -> Backup:
    """Makes a backup and records the run; a failure is logged, mailed to the ADMINS and kept
    on the run (the caller reads `status`), never raised into a worker's retry loop."""
    name = layout.backup_name_for(now)
    if Backup.objects.filter(name=name).exists():
        raise Conflict(f"a backup named {name} exists already")
    run = Backup.objects.create(
        name=name,
        trigger=trigger,
        status=BackupStatus.RUNNING,
        started_at=now,
        encrypted=bool(settings.BACKUP_ENCRYPTION_KEY),
    )
    clock = time.monotonic()
    try:
        key, size, files_count = _backup_write(name=name, now=now)
    except Exception as error:
        seconds = time.monotonic() - clock
        logger.exception("backup %s failed after %.1f s", name, seconds)
        Backup.objects.filter(pk=run.pk).update(
            status=BackupStatus.FAILED,
            finished_at=now + timedelta(seconds=seconds),
            duration_seconds=seconds,
            error=f"{type(error).__name__}: {error}",
        )
        _tell_operators(name=name, error=error)
        run.refresh_from_db()
        return run
    seconds = time.monotonic() - clock
    Backup.objects.filter(pk=run.pk).update(
        status=BackupStatus.SUCCEEDED,
        key=key,
        finished_at=now + timedelta(seconds=seconds),
        duration_seconds=seconds,
        size_bytes=size,
        files_count=files_count,
    )
    logger.info("backup %s: %d bytes, %d files, %.1f s", name, size, files_count, seconds)
    try:
        backups_prune(now=now)
    except Exception:  # the backup itself is safe; the next run prunes again
        logger.exception("backup retention failed after %s", name)
    run.refresh_from_db()
    return run


def _tell_operators(*, name: str, error: BaseException) -> None:
    if not settings.ADMINS:
        logger.warning("backup %s failed and no ADMINS are set to be mailed", name)
        return
    try:
        mail_admins(
            f"Backup {name} failed",
            f"The backup {name} failed: {type(error).__name__}: {error}\n\n"
            + "".join(traceback.format_exception(error)),
        )
    except Exception:
        logger.exception("backup %s failed and the mail to the ADMINS failed too", name)


def _backup_write(*, name: str, now: datetime) -> tuple[str, int, int]:
    key_bytes = _encryption_key()
    key = layout.backup_key_for(name, encrypted=key_bytes is not None)
    with tempfile.TemporaryDirectory(dir=settings.BACKUP_TEMP_DIR or None) as work:
        work = Path(work)
        database_path = work / database_file_name()
        database_dump(path=database_path)
        file_keys = [
            stored for stored in storage_keys_list() if not stored.startswith(layout.BACKUPS_PREFIX)
        ]
        manifest = {
            "format": layout.FORMAT_VERSION,
            "name": name,
            "created_at": now.isoformat(),
            "database": {"vendor": database_vendor(), "file": database_path.name},
            "files": len(file_keys),
        }
        with open(work / "backup.out", "w+b") as output:
            target = EncryptingWriter(output, key_bytes) if key_bytes else output
            with tarfile.open(fileobj=target, mode="w|gz") as tar:
                _tar_add_bytes(tar, layout.MANIFEST, json.dumps(manifest, indent=2).encode())
                tar.add(database_path, arcname=database_path.name)
                for stored in file_keys:
                    _tar_add_stored(tar, stored)
            if key_bytes:
                target.close()  # seals the last record; `output` stays open
            output.seek(0)
            size = storage_object_save_file(
                key=key, file=output, content_type="application/octet-stream"
            )
    return key, size, len(file_keys)


def _tar_add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


def _tar_add_stored(tar: tarfile.TarFile, key: str) -> None:
    info = tarfile.TarInfo(layout.FILES_DIR + key)
    info.size = storage_object_size(key=key)
    info.mtime = int(time.time())
    with storage_object_open(key=key) as stored:
        tar.addfile(info, stored)


def backup_scheduled(*, now: datetime) -> Backup | None:
    """The beat's hourly call: a backup when the last attempt is BACKUP_INTERVAL_HOURS old."""
    if settings.BACKUP_INTERVAL_HOURS <= 0:
        return None
    due_before = now - timedelta(hours=settings.BACKUP_INTERVAL_HOURS) + _SCHEDULE_SLACK
    if Backup.objects.filter(started_at__gt=due_before).exists():
        return None
    return backup_create(now=now, trigger=BackupTrigger.SCHEDULE)


# --- retention ----------------------------------------------------------------------------------


def backups_prune(*, now: datetime) -> list[str]:
    """Deletes the backups the retention rule does not keep; answers their names."""
    names = backups_list()
    kept = backups_to_keep(
        {name: layout.backup_created_at(name) for name in names},
        keep_daily=settings.BACKUP_KEEP_DAILY,
        keep_weekly=settings.BACKUP_KEEP_WEEKLY,
    )
    doomed = [name for name in names if name not in kept]
    keys = {
        key: layout.backup_name_of_key(key)
        for key in storage_keys_list(prefix="backups")
        if layout.backup_name_of_key(key) in doomed
    }
    failed = set(storage_objects_delete(keys=list(keys)))
    pruned = sorted({name for key, name in keys.items() if key not in failed})
    Backup.objects.filter(name__in=pruned, pruned_at__isnull=True).update(pruned_at=now)
    if pruned:
        logger.info("backup retention removed %s", ", ".join(pruned))
    return pruned


# --- restoring one ------------------------------------------------------------------------------


def backup_restore(*, name: str) -> dict:
    """Replaces the database and the stored files with those of the backup `name`.

    The backup is unpacked (and checked) before anything is touched; the database is replaced
    in one transaction; then the storage is made to hold exactly the backup's files (backups
    excepted). Answers the backup's manifest."""
    key = _backup_key(name)
    encrypted = key.endswith(layout.ENCRYPTED_SUFFIX)
    key_bytes = _encryption_key()
    if encrypted and key_bytes is None:
        raise BackupRestoreRefused(f"{name} is encrypted: set BACKUP_ENCRYPTION_KEY to restore it")
    with tempfile.TemporaryDirectory(dir=settings.BACKUP_TEMP_DIR or None) as work:
        work = Path(work)
        with storage_object_open(key=key) as stored:
            source = io.BufferedReader(DecryptingReader(stored, key_bytes)) if encrypted else stored
            with tarfile.open(fileobj=source, mode="r|gz") as tar:
                tar.extractall(work, filter="data")
        manifest = _manifest_checked(work)
        database_restore(path=work / manifest["database"]["file"])
        restored_files = _storage_replace(work / layout.FILES_DIR.rstrip("/"))
    _restored_run_settle(manifest=manifest, key=key)
    logger.warning("restored backup %s (%d files)", name, restored_files)
    return manifest


def _manifest_checked(work: Path) -> dict:
    try:
        manifest = json.loads((work / layout.MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupRestoreRefused("the backup has no readable manifest") from error
    if manifest.get("format") != layout.FORMAT_VERSION:
        raise BackupRestoreRefused(f"backup format {manifest.get('format')} is not known here")
    vendor = manifest["database"]["vendor"]
    if vendor != database_vendor():
        raise BackupRestoreRefused(
            f"the backup holds a {vendor} database and this site runs on {database_vendor()}"
        )
    if not (work / manifest["database"]["file"]).is_file():
        raise BackupRestoreRefused("the backup holds no database file")
    return manifest


def _storage_replace(files_dir: Path) -> int:
    restored = set()
    if files_dir.is_dir():
        for path in sorted(files_dir.rglob("*")):
            if path.is_file():
                key = path.relative_to(files_dir).as_posix()
                with open(path, "rb") as file:
                    storage_object_save_file(
                        key=key, file=file, content_type="application/octet-stream"
                    )
                restored.add(key)
    # objects made after the backup belong to rows the restore has just removed
    strays = [
        key
        for key in storage_keys_list()
        if key not in restored and not key.startswith(layout.BACKUPS_PREFIX)
    ]
    storage_objects_delete(keys=strays)
    return len(restored)


def _restored_run_settle(*, manifest: dict, key: str) -> None:
    """The dump was taken while its own run was in progress, so the restored log says
    "running": it did succeed (here it is), so the log says that."""
    Backup.objects.filter(name=manifest["name"], status=BackupStatus.RUNNING).update(
        status=BackupStatus.SUCCEEDED,
        key=key,
        size_bytes=storage_object_size(key=key),
        files_count=manifest["files"],
    )
