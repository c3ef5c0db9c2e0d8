"""Import jobs: an upload is checked and stored, a Celery task writes it (imports.tasks)."""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.exceptions import PayloadTooLarge
from core.storage import (
    storage_key_new,
    storage_object_read,
    storage_object_save,
    storage_objects_delete_on_commit,
)
from imports.errors import ImportFileInvalid
from imports.models import ImportJob, ImportSource, JobStatus
from imports.services.writer import import_plan_write
from imports.sources import import_plan_read, import_source_sniffed

logger = logging.getLogger(__name__)

# Progress is written outside the import's own transaction (which nobody else can see into):
# the file is read, then written, then done.
PROGRESS_READ, PROGRESS_DONE = 20, 100
NOT_QUEUED = "The import could not be queued (the task queue is away); try again later."


def import_upload_size_check(size: int | None) -> None:
    if size is not None and size > settings.IMPORT_MAX_BYTES:
        limit_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise PayloadTooLarge(
            f"The file is over the import limit of {limit_mb} MB.", code="file_too_large"
        )


def import_job_create(
    *, user, data: bytes, original_name: str, source: str | None, now: datetime
) -> ImportJob:
    """Checks the file at once (a malformed one is a 400 saying what is wrong, and no job),
    stores it and queues the job that writes it."""
    import_upload_size_check(len(data))
    if not data:
        raise ImportFileInvalid("The file is empty.")
    sniffed = import_source_sniffed(data)
    if source and source != sniffed:
        raise ImportFileInvalid(
            f"The file is a {ImportSource(sniffed).label} file, not {ImportSource(source).label}."
        )
    import_plan_read(data=data, source=sniffed)  # the whole file parses, or nothing is queued
    key = storage_key_new(prefix=f"imports/{user.pk}")
    storage_object_save(key=key, data=data, content_type="application/octet-stream")
    with transaction.atomic():
        job = ImportJob.objects.create(
            user=user,
            source=sniffed,
            original_name=original_name[:255],
            file_key=key,
            created_at=now,
        )
        transaction.on_commit(lambda: _job_send(job_id=job.pk))
    return job


def _job_send(*, job_id: int) -> None:
    """Hands the committed job to the `imports` queue. With the broker away the job cannot run:
    it fails at once, saying so, and its upload is removed (the request still answers 202)."""
    from imports.tasks import import_job_run_task  # the task module imports this one

    try:
        import_job_run_task.delay(job_id)
    except Exception as exc:  # Redis or the broker is away
        logger.warning("Could not queue import %s: %s", job_id, exc)
        job = ImportJob.objects.get(pk=job_id)
        ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED, error=NOT_QUEUED, finished_at=timezone.now()
        )
        storage_objects_delete_on_commit(keys=[job.file_key])


def _finish(job_id: int, **fields) -> None:
    ImportJob.objects.filter(pk=job_id).update(**fields)


def import_job_run(*, job_id: int, now: datetime) -> None:
    """Runs a queued job once (a second delivery of the task finds it taken and does nothing).
    Whatever happens, the stored upload is deleted and the job ends succeeded or failed."""
    taken = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now
    )
    if not taken:
        return
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    try:
        plan = import_plan_read(data=storage_object_read(key=job.file_key), source=job.source)
        _finish(job_id, progress=PROGRESS_READ)
        report = import_plan_write(user=job.user, plan=plan, now=now)
    except ImportFileInvalid as error:
        _finish(job_id, status=JobStatus.FAILED, error=error.message, finished_at=now)
    except Exception:
        logger.exception("import %s failed", job_id)
        _finish(
            job_id,
            status=JobStatus.FAILED,
            error="The import failed unexpectedly; nothing was changed.",
            finished_at=now,
        )
    else:
        _finish(
            job_id,
            status=JobStatus.SUCCEEDED,
            progress=PROGRESS_DONE,
            report=report,
            finished_at=now,
        )
    ImportJob.objects.filter(pk=job_id).update(file_key="")
    storage_objects_delete_on_commit(keys=[job.file_key])
