"""Jobs that move a user's data in (imports) and out (large account exports), run on Celery.

docs/import-export.md describes the formats, what round-trips, and the limits.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class ImportSource(models.TextChoices):
    LOOP = "loop", "Loop Habit Tracker (CSV zip)"
    BEAVER = "beaver", "Beaver Habit Tracker (JSON)"
    OURS_JSON = "ours_json", "Atomic Habits Tracker export (JSON)"
    OURS_XLSX = "ours_xlsx", "Atomic Habits Tracker export (xlsx)"


class ExportFormat(models.TextChoices):
    JSON = "json", "JSON"
    CSV = "csv", "CSV tables (zip)"
    XLSX = "xlsx", "Excel workbook"


class ImportJob(models.Model):
    """One uploaded file to import. The file waits in core.storage under `file_key` until the
    job has run (then it is deleted); `report` says what was created, skipped and why."""

    Status = JobStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    source = models.CharField(max_length=12, choices=ImportSource.choices)
    original_name = models.CharField(max_length=255)
    file_key = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0 to 100.")
    error = models.TextField(blank=True)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="import_job_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="import_job_status_known"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="import_job_progress_in_range"
            ),
        ]

    def __str__(self):
        return f"import {self.pk} ({self.source}) of user {self.user_id}: {self.status}"


class ExportJob(models.Model):
    """An account export too large to build inside a request: built by Celery into core.storage
    under `file_key`, downloaded through a short-lived signed link."""

    Status = JobStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(max_length=4, choices=ExportFormat.choices)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    file_key = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_job_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="export_job_status_known"
            ),
        ]

    def __str__(self):
        return f"export {self.pk} ({self.format}) of user {self.user_id}: {self.status}"
