"""The habits-mood report: validated ranges, the cache, inline answers for short ranges and a
Celery job for long ones (docs/reports.md)."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.exceptions import ValidationFailed
from notifications.models import Notification
from notifications.services import NotificationRow, notifications_write
from reports.analytics import habits_mood_report
from reports.cache import report_cache_get, report_cache_set
from reports.models import ReportJob
from reports.selectors import report_job_open_for_range, report_rows_for_user

logger = logging.getLogger(__name__)
Status = ReportJob.Status


def report_range_check(*, date_from: date, date_to: date) -> None:
    """A range runs forward and spans at most REPORTS_MAX_DAYS days (both ends included)."""
    if date_from > date_to:
        raise ValidationFailed(fields={"to": ["Must be on or after `from`."]})
    days = (date_to - date_from).days + 1
    if days > settings.REPORTS_MAX_DAYS:
        raise ValidationFailed(
            fields={"to": [f"The range spans {days} days; at most {settings.REPORTS_MAX_DAYS}."]}
        )


def habits_mood_report_compute(
    *, user_id: int, date_from: date, date_to: date, now: datetime
) -> dict:
    """The report from the cache when it is fresh, else computed from the rows and cached."""
    cached, version = report_cache_get(
        user_id=user_id, date_from=date_from, date_to=date_to, now=now
    )
    if cached is not None:
        return cached
    names, instances, entries, valid_until = report_rows_for_user(
        user_id=user_id, date_from=date_from, date_to=date_to
    )
    report = habits_mood_report(
        date_from=date_from,
        date_to=date_to,
        habit_names=names,
        instances=instances,
        entries=entries,
    )
    report["computed_at"] = now.isoformat()
    report_cache_set(
        user_id=user_id,
        version=version,
        date_from=date_from,
        date_to=date_to,
        report=report,
        valid_until=valid_until,
    )
    return report


@dataclass(frozen=True, slots=True)
class ReportOrJob:
    report: dict | None = None
    job: ReportJob | None = None


def habits_mood_report_get_or_start(
    *, user, date_from: date, date_to: date, now: datetime
) -> ReportOrJob:
    """A range of at most REPORTS_INLINE_MAX_DAYS days, or any range already cached, is answered
    at once; a longer one starts a job (or hands back the one already computing that range)."""
    report_range_check(date_from=date_from, date_to=date_to)
    if (date_to - date_from).days + 1 <= settings.REPORTS_INLINE_MAX_DAYS:
        return ReportOrJob(
            report=habits_mood_report_compute(
                user_id=user.pk, date_from=date_from, date_to=date_to, now=now
            )
        )
    cached, _ = report_cache_get(user_id=user.pk, date_from=date_from, date_to=date_to, now=now)
    if cached is not None:
        return ReportOrJob(report=cached)
    return ReportOrJob(
        job=_report_job_start(user=user, date_from=date_from, date_to=date_to, now=now)
    )


@transaction.atomic
def _report_job_start(*, user, date_from: date, date_to: date, now: datetime) -> ReportJob:
    running = report_job_open_for_range(user=user, date_from=date_from, date_to=date_to)
    if running is not None and running.created_at > now - _stale_after():
        return running
    job = ReportJob.objects.create(user=user, date_from=date_from, date_to=date_to, created_at=now)
    transaction.on_commit(lambda: _job_send(job_id=job.pk))
    return job


def _stale_after() -> timedelta:
    # a job queued or running longer than its task's hard limit was lost (worker killed)
    return timedelta(seconds=settings.REPORTS_JOB_TIME_LIMIT_SECONDS * 2)


def _job_send(*, job_id: int) -> None:
    """Hands the committed job to the `reports` queue; with the broker away it fails at once
    (`report_not_queued`) and says so when read, instead of staying queued forever."""
    from reports.tasks import report_job_run_task  # the tasks import this module

    try:
        report_job_run_task.delay(job_id=job_id)
    except Exception as exc:  # Redis or the broker is away
        logger.warning("Could not queue report job %s: %s", job_id, exc)
        ReportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
            status=Status.FAILED, error_code="report_not_queued", finished_at=timezone.now()
        )


def report_job_run(*, job_id: int, now: datetime) -> str | None:
    """queued → running → succeeded (with the report, cached too) and a "report ready"
    notification in the transaction that finishes it. A second run of the same job does nothing:
    the first compare-and-set wins. Answers the status it left, None when it did not run."""
    if not ReportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now
    ):
        return None
    job = ReportJob.objects.get(pk=job_id)
    try:
        report = habits_mood_report_compute(
            user_id=job.user_id, date_from=job.date_from, date_to=job.date_to, now=now
        )
    except Exception:
        logger.exception("Report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id, status=Status.RUNNING).update(
            status=Status.FAILED, error_code="report_failed", finished_at=timezone.now()
        )
        return Status.FAILED
    with transaction.atomic():
        finished = ReportJob.objects.filter(pk=job_id, status=Status.RUNNING).update(
            status=Status.SUCCEEDED, result=report, finished_at=now
        )
        if finished:
            notifications_write(rows=[_ready_notification(job)], now=now)
    return Status.SUCCEEDED


def _ready_notification(job: ReportJob) -> NotificationRow:
    return NotificationRow(
        user_id=job.user_id,
        kind=Notification.Kind.REPORT_READY,
        title="📊 Your report is ready",
        body=f"Habits and mood from {job.date_from:%d %b %Y} to {job.date_to:%d %b %Y}.",
        dedupe_key=f"report_job:{job.pk}",
        payload={"report_job_id": job.pk},
    )
