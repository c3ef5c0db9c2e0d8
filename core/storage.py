"""Object storage for every app (goal attachments now; journal photos, exports and backups later).

One Django storage, `STORAGES["default"]`, chosen by the settings:

- `S3CompatibleStorage` when `S3_BUCKET` is set: any S3-compatible server (AWS S3, MinIO, R2,
  Ceph) through django-storages + boto3. Downloads are presigned GET URLs from the server itself.
- `LocalFileStorage` otherwise: files under `var/storage/`, so `make run` needs nothing. Downloads
  go through `GET /api/files/<token>/`, where the token is a Django-signed, expiring grant for one
  key (the same idea as a presigned URL: whoever holds the link may fetch that one object until it
  expires, with no session needed, so an <img> tag can use it).

Callers work with keys and bytes only: `storage_object_save`, `storage_object_signed_url`,
`storage_objects_delete_on_commit`. They never learn which backend is in use.
"""

import logging
import time
from collections.abc import Iterable
from uuid import uuid4

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.urls import reverse
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

_FILE_TOKEN_SALT = "core.storage.file-download"


class S3CompatibleStorage(S3Storage):
    def signed_url(self, key: str, *, expires_in: int, content_type: str, filename: str) -> str:
        # The server answers with these headers, so a browser shows or saves the file by its
        # real name and type whatever the key looks like.
        parameters = {
            "ResponseContentType": content_type,
            "ResponseContentDisposition": content_disposition_header(False, filename),
        }
        return self.url(key, parameters=parameters, expire=expires_in)


class LocalFileStorage(FileSystemStorage):
    def signed_url(self, key: str, *, expires_in: int, content_type: str, filename: str) -> str:
        grant = {"k": key, "t": content_type, "n": filename, "x": int(time.time()) + expires_in}
        token = signing.dumps(grant, salt=_FILE_TOKEN_SALT, compress=True)
        return reverse("storage-file", kwargs={"token": token})


class FileGrantInvalid(Exception):
    """The download token was forged, altered or has expired."""


def file_grant_read(token: str) -> dict:
    """The key, content type and name a valid, unexpired download token grants."""
    try:
        grant = signing.loads(token, salt=_FILE_TOKEN_SALT)
    except signing.BadSignature as error:
        raise FileGrantInvalid from error
    if not isinstance(grant, dict) or grant.get("x", 0) < time.time():
        raise FileGrantInvalid
    return grant


def object_storage() -> Storage:
    return storages["default"]


def storage_key_new(*, prefix: str, extension: str = "") -> str:
    """A fresh, unguessable key under `prefix` (e.g. "goals/12"); the user's file name never
    becomes part of a key, so no name can collide, traverse or leak into another object."""
    return f"{prefix.strip('/')}/{uuid4().hex}{extension}"


def storage_object_save(*, key: str, data: bytes, content_type: str) -> None:
    content = ContentFile(data)
    content.content_type = content_type  # S3 stores it as the object's Content-Type
    saved_as = object_storage().save(key, content)
    if saved_as != key:  # a fresh uuid key never exists; a renamed object would be lost to us
        object_storage().delete(saved_as)
        raise RuntimeError(f"storage saved {key!r} as {saved_as!r}")


def storage_object_exists(*, key: str) -> bool:
    return object_storage().exists(key)


def storage_object_read(*, key: str) -> bytes:
    with object_storage().open(key, "rb") as stored:
        return stored.read()


def storage_object_signed_url(*, key: str, content_type: str, filename: str) -> str:
    """A short-lived link (STORAGE_SIGNED_URL_SECONDS) that fetches one object without a session:
    absolute and presigned for S3, a path of this site for the file system."""
    return object_storage().signed_url(
        key,
        expires_in=settings.STORAGE_SIGNED_URL_SECONDS,
        content_type=content_type,
        filename=filename,
    )


def storage_objects_delete(*, keys: Iterable[str]) -> list[str]:
    """Deletes the objects (a missing one counts as deleted); answers the keys that failed."""
    failed = []
    storage = object_storage()
    for key in keys:
        try:
            storage.delete(key)
        except Exception:
            logger.warning("storage: could not delete %s", key, exc_info=True)
            failed.append(key)
    return failed


def storage_objects_delete_on_commit(*, keys: Iterable[str]) -> None:
    """Removes the objects once the rows that named them are gone for good: never before the
    commit (a rollback would leave rows pointing at nothing), and a storage outage never fails
    the request — what cannot be deleted now is retried by a task with backoff."""
    keys = list(keys)
    if keys:
        transaction.on_commit(lambda: _delete_now_or_later(keys), robust=True)


def _delete_now_or_later(keys: list[str]) -> None:
    failed = storage_objects_delete(keys=keys)
    if failed:
        from core.tasks import storage_objects_delete_task  # tasks import this module

        storage_objects_delete_task.apply_async(
            kwargs={"keys": failed}, countdown=settings.STORAGE_DELETE_RETRY_SECONDS
        )


# --- Whole objects as streams, and the listing (backups: dumps larger than memory) ------------


def storage_object_save_file(*, key: str, file, content_type: str) -> int:
    """Writes (or overwrites) `key` from an open binary file, read in chunks; answers the size."""
    from django.core.files import File

    storage = object_storage()
    storage.delete(key)  # the file system would otherwise save a second object beside it
    content = File(file, name=key)
    content.content_type = content_type
    saved_as = storage.save(key, content)
    if saved_as != key:
        storage.delete(saved_as)
        raise RuntimeError(f"storage saved {key!r} as {saved_as!r}")
    return storage.size(key)


def storage_object_open(*, key: str):
    """An open binary file over the object (S3 spools it to a temporary file, not to memory)."""
    return object_storage().open(key, "rb")


def storage_object_size(*, key: str) -> int:
    return object_storage().size(key)


def storage_keys_list(*, prefix: str = "") -> list[str]:
    """Every key under `prefix` ("" for all), at any depth."""
    storage = object_storage()
    keys: list[str] = []
    pending = [prefix.strip("/")]
    while pending:
        directory = pending.pop()
        try:
            directories, files = storage.listdir(directory)
        except FileNotFoundError:  # the file system's root before the first file
            continue
        base = f"{directory}/" if directory else ""
        keys.extend(base + name for name in files)
        pending.extend(base + name for name in directories)
    return sorted(keys)
