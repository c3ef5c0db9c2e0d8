"""Thin Celery tasks: one service call."""

from celery import shared_task
from django.utils import timezone

from telegrambot import services


@shared_task(ignore_result=True)
def telegram_bind_codes_expire_task() -> int:
    return services.telegram_bind_codes_expire(now=timezone.now())
