"""The account export in three formats, from the one registry of sections (core.user_data via
users.selectors.user_export_data). Small exports answer at once; a large one (more than
EXPORT_INLINE_MAX_ROWS check-ins and journal entries) is built by Celery into core.storage and
downloaded from a short-lived signed link."""

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.storage import (
    storage_key_new,
    storage_object_save,
    storage_object_signed_url,
    storage_objects_delete_on_commit,
)
from habit_instances.models import HabitInstance
from imports.formats.csv_zip import export_csv_zip
from imports.formats.xlsx import export_workbook
from imports.models import ExportFormat, ExportJob, JobStatus
from journal.models import JournalEntry
from users.selectors import user_export_data

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ExportFormat.JSON: "application/json",
    ExportFormat.CSV: "application/zip",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILENAMES = {
    ExportFormat.JSON: "atomic-habits-export.json",
    ExportFormat.CSV: "atomic-habits-export.zip",
    ExportFormat.XLSX: "atomic-habits-export.xlsx",
}


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    content_type: str
    filename: str


def account_export_rows(*, user) -> int:
    """The rows that make an export large: the history and the journal (two counts)."""
    return (
        HabitInstance.objects.filter(habit__user=user).count()
        + JournalEntry.objects.filter(user=user).count()
    )


def account_export_is_large(*, user) -> bool:
    return account_export_rows(user=user) > settings.EXPORT_INLINE_MAX_ROWS


def account_export_file(*, user, export_format: str) -> ExportFile:
    document = user_export_data(user=user)
    if export_format == ExportFormat.CSV:
        data = export_csv_zip(document)
    elif export_format == ExportFormat.XLSX:
        data = export_workbook(document)
    else:
        data = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return ExportFile(
        data=data, content_type=CONTENT_TYPES[export_format], filename=FILENAMES[export_format]
    )


def export_job_create(*, user, export_format: str, now: datetime) -> ExportJob:
    with transaction.atomic():
        job = ExportJob.objects.create(user=user, format=export_format, created_at=now)
        transaction.on_commit(lambda: _job_send(job_id=job.pk))
    return job


def _job_send(*, job_id: int) -> None:
    """Hands the committed job to the `imports` queue; with the broker away it fails at once
    and says so when read."""
    from imports.tasks import export_job_run_task  # the task module imports this one

    try:
        export_job_run_task.delay(job_id)
    except Exception as exc:  # Redis or the broker is away
        logger.warning("Could not queue export %s: %s", job_id, exc)
        ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED,
            error="The export could not be queued; try again later.",
            finished_at=timezone.now(),
        )


def export_job_run(*, job_id: int, now: datetime) -> None:
    """Builds the file of a queued job once; a second delivery finds it taken."""
    taken = ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    )
    if not taken:
        return
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    built = account_export_file(user=job.user, export_format=job.format)
    extension = "." + FILENAMES[job.format].rsplit(".", 1)[1]
    key = storage_key_new(prefix=f"exports/{job.user_id}", extension=extension)
    storage_object_save(key=key, data=built.data, content_type=built.content_type)
    with transaction.atomic():
        updated = ExportJob.objects.filter(pk=job_id).update(
            status=JobStatus.SUCCEEDED, file_key=key, finished_at=now
        )
        if not updated:  # the account went while we built: its file goes too
            storage_objects_delete_on_commit(keys=[key])


def export_job_fail(*, job_id: int, now: datetime) -> None:
    ExportJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error="The export could not be built.", finished_at=now
    )


def export_job_download_url(job: ExportJob) -> str | None:
    if job.status != JobStatus.SUCCEEDED or not job.file_key:
        return None
    return storage_object_signed_url(
        key=job.file_key, content_type=CONTENT_TYPES[job.format], filename=FILENAMES[job.format]
    )
