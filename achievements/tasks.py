"""Thin Celery tasks of achievements: one service call each. The percentages' beat entry is
registered by migration achievements.0002 under the name below."""

from celery import shared_task
from django.utils import timezone

from achievements import services

REFRESH_PERCENTAGES = "achievements.refresh_percentages"


@shared_task(ignore_result=True)
def achievements_evaluate_user_task(user_id: int) -> list[str]:
    return services.achievements_evaluate_for_user(user_id=user_id, now=timezone.now())


@shared_task(name=REFRESH_PERCENTAGES, ignore_result=True)
def achievements_refresh_percentages_task() -> int:
    return services.achievements_percentages_refresh()["users"]
