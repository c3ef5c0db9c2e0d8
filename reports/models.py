"""The reports' own rows: a long report computed by Celery (ReportJob), the user's choice of a
weekly summary day (ReportSettings) and the summaries sent (WeeklySummary). The numbers
themselves are computed from habit instances and journal entries (reports.analytics)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


OPEN_JOB_STATUSES = (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING)


class ReportJob(models.Model):
    """A habits-mood report over a range too long to compute inside a request
    (REPORTS_INLINE_MAX_DAYS): computed by reports.tasks, read at /api/reports/jobs/{id}/."""

    Status = ReportJobStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_jobs"
    )
    date_from = models.DateField()
    date_to = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error_code = models.CharField(max_length=40, blank=True)
    # the report, as the inline answer would have been; null until the job succeeds
    result = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "is this range already being computed?": the user's open jobs
            models.Index(
                fields=["user", "date_from", "date_to"],
                condition=Q(status__in=["queued", "running"]),
                name="report_job_open_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "succeeded", "failed"]),
                name="report_job_status_known",
            ),
            models.CheckConstraint(
                condition=Q(date_from__lte=models.F("date_to")), name="report_job_range_ordered"
            ),
        ]

    def __str__(self):
        return f"Report {self.pk} of user {self.user_id}: {self.date_from}..{self.date_to}"


class ReportSettings(models.Model):
    """Which local weekday the weekly summary goes out on (0 = Monday); null: off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_settings"
    )
    weekly_summary_weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "report settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_summary_weekday__isnull=True)
                | Q(weekly_summary_weekday__gte=0, weekly_summary_weekday__lte=6),
                name="report_settings_weekday_range",
            ),
        ]
        indexes = [
            # the beat task: users whose summary day is one of the days it is somewhere now
            models.Index(
                fields=["weekly_summary_weekday"],
                condition=Q(weekly_summary_weekday__isnull=False),
                name="report_settings_weekday_idx",
            ),
        ]

    def __str__(self):
        return f"Report settings of {self.user_id}"


class WeeklySummary(models.Model):
    """The summary of the 7 local days from `week_start` (inclusive) to `week_end`, sent once:
    the unique (user, week_end) is the beat task's idempotency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_summaries"
    )
    week_start = models.DateField()
    week_end = models.DateField()
    content = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-week_end", "-id"]
        verbose_name_plural = "weekly summaries"
        constraints = [
            # leads with user_id: also the owner's list, newest first
            models.UniqueConstraint(fields=["user", "week_end"], name="weekly_summary_once"),
        ]

    def __str__(self):
        return f"Weekly summary of {self.user_id} to {self.week_end}"
