"""The email channel: Django's email backend, one Celery task per delivery (tasks.py), registered
in NotificationsConfig.ready() like every other channel."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail

from notifications.models import Delivery
from notifications.services import (
    delivery_claim,
    delivery_mark_failed,
    delivery_mark_sent,
    delivery_release,
)

EMAIL = "email"
DUMMY_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


def email_channel_available() -> bool:
    """False when mail would go nowhere (production without EMAIL_URL)."""
    return settings.EMAIL_BACKEND != DUMMY_EMAIL_BACKEND


def delivery_send_email(*, delivery_id: int, now: datetime) -> str:
    """Sends one email delivery through Django's email backend. Returns the resulting status."""
    if not delivery_claim(delivery_id=delivery_id, channel=EMAIL, now=now):
        return "skipped"
    delivery = Delivery.objects.select_related("notification__user").get(pk=delivery_id)
    notification = delivery.notification
    if not email_channel_available():
        delivery_mark_failed(delivery_id=delivery_id, error="email is not configured")
        return Delivery.Status.FAILED
    try:
        send_mail(
            subject=notification.title,
            message=notification.body,
            from_email=None,
            recipient_list=[notification.user.email],
        )
    except Exception as exc:  # SMTP errors of every kind are worth another try
        delivery_release(delivery_id=delivery_id, error=f"{type(exc).__name__}: {exc}", now=now)
        return Delivery.Status.PENDING
    delivery_mark_sent(delivery_id=delivery_id, now=now)
    return Delivery.Status.SENT
