"""Thin Celery tasks: one service call. Registered in the beat schedule by migration goals.0002
under the names below."""

from celery import shared_task
from django.utils import timezone

from goals import services

GOAL_REMINDERS_SEND = "goals.send_reminders"


@shared_task(name=GOAL_REMINDERS_SEND, ignore_result=True)
def goal_reminders_send_task() -> int:
    return services.goal_reminders_send(now=timezone.now())
