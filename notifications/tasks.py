"""Thin Celery tasks: ids in, one service call."""

from celery import shared_task
from django.utils import timezone

from notifications import checkins, email, extra_reminders, habit_events, services


@shared_task(ignore_result=True)
def delivery_send_email_task(delivery_id: int) -> str:
    return email.delivery_send_email(delivery_id=delivery_id, now=timezone.now())


def email_deliveries_enqueue(delivery_ids: list[int]) -> None:
    """The email channel's publish: one task per delivery."""
    for delivery_id in delivery_ids:
        delivery_send_email_task.delay(delivery_id)


@shared_task(ignore_result=True)
def deliveries_republish_task() -> dict:
    return services.deliveries_republish(now=timezone.now())


@shared_task(ignore_result=True)
def notifications_digests_create_task() -> int:
    return habit_events.notifications_digests_create(now=timezone.now())


@shared_task(ignore_result=True)
def checkins_send_task() -> dict:
    return checkins.checkins_send(now=timezone.now())


@shared_task(ignore_result=True)
def extra_reminders_send_task() -> int:
    return extra_reminders.extra_reminders_send(now=timezone.now())
