"""Thin Celery tasks (queue "imports" by the imports.* route): a job id in, one service call."""

import logging

from celery import shared_task
from django.utils import timezone

from imports.services.exports import export_job_fail, export_job_run
from imports.services.imports import import_job_run

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def import_job_run_task(job_id: int) -> None:
    import_job_run(job_id=job_id, now=timezone.now())


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def export_job_run_task(job_id: int) -> None:
    try:
        export_job_run(job_id=job_id, now=timezone.now())
    except Exception:
        logger.exception("export %s failed", job_id)
        export_job_fail(job_id=job_id, now=timezone.now())
        raise
