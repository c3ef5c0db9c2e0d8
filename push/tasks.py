"""Thin Celery tasks: ids in, one service call."""

from celery import shared_task
from django.utils import timezone

from push import sender


@shared_task(ignore_result=True)
def delivery_send_push_task(delivery_id: int) -> str:
    return sender.delivery_send_push(delivery_id=delivery_id, now=timezone.now())


def push_deliveries_enqueue(delivery_ids: list[int]) -> None:
    """The push channel's publish: one task per delivery (as email's)."""
    for delivery_id in delivery_ids:
        delivery_send_push_task.delay(delivery_id)
