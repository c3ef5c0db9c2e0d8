"""Thin Celery tasks of the reports: one service call each, on the `reports` queue
(CELERY_TASK_ROUTES). The weekly summaries' beat entry is registered by migration reports.0002
under the name below."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from reports import services

WEEKLY_SUMMARIES_SEND = "reports.send_weekly_summaries"


@shared_task(
    ignore_result=True,
    soft_time_limit=settings.REPORTS_JOB_TIME_LIMIT_SECONDS,
    time_limit=settings.REPORTS_JOB_TIME_LIMIT_SECONDS + 30,
)
def report_job_run_task(job_id: int) -> str | None:
    return services.report_job_run(job_id=job_id, now=timezone.now())


@shared_task(name=WEEKLY_SUMMARIES_SEND, ignore_result=True)
def weekly_summaries_send_task() -> int:
    return services.weekly_summaries_send(now=timezone.now())
