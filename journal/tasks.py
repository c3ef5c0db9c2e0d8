"""Thin Celery tasks: one service call."""

from celery import shared_task
from django.utils import timezone

from journal.services.nudges import journal_nudges_send


@shared_task(ignore_result=True)
def journal_nudges_send_task() -> int:
    return journal_nudges_send(now=timezone.now())
