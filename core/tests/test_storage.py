"""The object storage layer, through both backends: the file system (the default) and a real
S3-compatible server on a local port (moto's server mode), reached over HTTP."""

import logging
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from botocore.exceptions import ClientError
from django.db import transaction
from django.utils import timezone

from atomic_habits_tracker.celery import app
from core.storage import (
    storage_key_new,
    storage_object_exists,
    storage_object_read,
    storage_object_save,
    storage_object_signed_url,
    storage_objects_delete_on_commit,
)
from core.tasks import storage_objects_delete_task

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def tasks_inline():
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def _save_pdf() -> str:
    key = storage_key_new(prefix="tests/1", extension=".pdf")
    storage_object_save(key=key, data=PDF, content_type="application/pdf")
    return key


def _delete_committed(key, capture):
    with capture(execute=True), transaction.atomic():
        storage_objects_delete_on_commit(keys=[key])


def test_keys_are_fresh_and_under_their_prefix():
    first, second = (storage_key_new(prefix="/goals/7/", extension=".png") for _ in range(2))
    assert first.startswith("goals/7/") and first.endswith(".png")
    assert first != second


# --- the file system ----------------------------------------------------------------------------


def test_file_system_round_trip_through_a_signed_link(
    db, client, file_storage, django_capture_on_commit_callbacks
):
    key = _save_pdf()
    assert (file_storage / key).read_bytes() == PDF
    url = storage_object_signed_url(key=key, content_type="application/pdf", filename="plan é.pdf")
    assert url.startswith("/api/files/")

    response = client.get(url)  # no session: the link itself is the grant

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''plan%20%C3%A9.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

    _delete_committed(key, django_capture_on_commit_callbacks)
    assert not storage_object_exists(key=key)
    assert client.get(url).status_code == 404


def test_file_system_link_expires(client, file_storage, settings):
    settings.STORAGE_SIGNED_URL_SECONDS = 60
    key = _save_pdf()
    url = storage_object_signed_url(key=key, content_type="application/pdf", filename="a.pdf")
    with time_machine.travel(timezone.now() + timedelta(seconds=59)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_file_system_link_cannot_be_altered_to_reach_another_key(client, file_storage):
    key = _save_pdf()
    url = storage_object_signed_url(key=key, content_type="application/pdf", filename="a.pdf")
    payload, signature = url.rstrip("/").rsplit(":", 1)
    forged = f"{payload}:{'A' if signature[0] != 'A' else 'B'}{signature[1:]}/"
    assert client.get(forged).status_code == 404
    assert client.get("/api/files/not-a-token/").status_code == 404


def test_nothing_is_deleted_when_the_transaction_rolls_back(
    db, file_storage, django_capture_on_commit_callbacks
):
    key = _save_pdf()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        storage_objects_delete_on_commit(keys=[key])
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert storage_object_exists(key=key)


# --- a real S3-compatible server ----------------------------------------------------------------


def test_s3_round_trip_through_a_presigned_url(s3_storage, db, django_capture_on_commit_callbacks):
    key = _save_pdf()
    stored = s3_storage.head_object(Bucket=s3_storage.bucket, Key=key)
    assert stored["ContentType"] == "application/pdf"
    assert storage_object_read(key=key) == PDF

    url = storage_object_signed_url(key=key, content_type="application/pdf", filename="plan.pdf")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    with urllib.request.urlopen(url) as response:  # plain HTTP, no credentials but the URL's
        assert response.read() == PDF
        assert response.headers["Content-Type"] == "application/pdf"
        assert 'filename="plan.pdf"' in response.headers["Content-Disposition"]

    _delete_committed(key, django_capture_on_commit_callbacks)
    with pytest.raises(ClientError) as missing:
        s3_storage.head_object(Bucket=s3_storage.bucket, Key=key)
    assert missing.value.response["Error"]["Code"] == "404"


def test_s3_url_without_its_signature_is_refused(s3_storage):
    key = _save_pdf()
    url = storage_object_signed_url(key=key, content_type="application/pdf", filename="a.pdf")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url.split("?")[0])
    assert refused.value.code == 403


def test_s3_uploads_carry_no_optional_checksum(s3_storage):
    """boto3's default CRC32 on every PUT is off (several S3-compatible servers reject it): the
    server stored no checksum for the object."""
    key = _save_pdf()
    stored = s3_storage.head_object(Bucket=s3_storage.bucket, Key=key, ChecksumMode="ENABLED")
    assert not any(name.startswith("Checksum") and name != "ChecksumType" for name in stored)


# --- deletion when the storage fails -------------------------------------------------------------


@pytest.fixture
def undeletable_key(file_storage):
    """A key the file system cannot delete: a non-empty directory sits where the file would be."""
    key = "tests/1/stuck.pdf"
    (file_storage / key).mkdir(parents=True)
    (file_storage / key / "inside").write_bytes(b"x")
    return key


def test_a_failed_deletion_is_logged_and_retried_not_raised(
    db, undeletable_key, tasks_inline, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.WARNING, logger="core"):
        _delete_committed(undeletable_key, django_capture_on_commit_callbacks)

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"could not delete {undeletable_key}" in warnings[0]
    # The retry task ran (inline here) until it gave up, and said so.
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("giving up" in message and undeletable_key in message for message in errors)
    assert len(warnings) == 1 + 1 + 12  # the first try, the task's run and its 12 retries


def test_the_retry_task_deletes_what_is_left_and_may_run_twice(s3_storage):
    key = _save_pdf()
    storage_objects_delete_task.apply(kwargs={"keys": [key]}).get()
    storage_objects_delete_task.apply(kwargs={"keys": [key]}).get()
    assert not storage_object_exists(key=key)
