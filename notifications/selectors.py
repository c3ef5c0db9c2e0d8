"""Reads on notifications: the feed, settings, what is due for delivery, the export."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, QuerySet

from notifications.channels import channel_defaults, channels_registered
from notifications.models import Delivery, Notification, NotificationSettings


def notification_settings_get(*, user) -> NotificationSettings:
    """The user's settings, or the defaults (unsaved) when they never changed them: the channel
    that works on this server on (channels.channel_defaults)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user, **channel_defaults())


def notification_channels_delivering(*, user, current: NotificationSettings) -> list[str]:
    """The channels a reminder would reach this user on now: turned on in `current`, configured
    on the server and able to reach them (a bound Telegram chat). Empty: reminders only reach
    the web feed."""
    delivering = []
    for channel in channels_registered():
        if not (getattr(current, channel.preference) and channel.is_configured()):
            continue
        if channel.reachable_user_ids is not None and user.pk not in set(
            channel.reachable_user_ids(user_ids=[user.pk])
        ):
            continue
        delivering.append(channel.name)
    return delivering


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def delivery_ids_due(*, channel: str, now: datetime, created_before: datetime | None = None):
    """Pending deliveries that may be sent now, oldest first."""
    due = Delivery.objects.filter(
        channel=channel, status=Delivery.Status.PENDING, not_before__lte=now
    )
    if created_before is not None:
        due = due.filter(created_at__lte=created_before)
    return list(due.order_by("not_before", "id").values_list("id", flat=True)[:1000])


def republish_cutoff(*, now: datetime) -> datetime:
    return now - timedelta(seconds=settings.NOTIFICATIONS_REPUBLISH_AFTER_SECONDS)


def notifications_export_for_user(user) -> dict:
    current = notification_settings_get(user=user)
    return {
        "settings": {
            "telegram_enabled": current.telegram_enabled,
            "email_enabled": current.email_enabled,
            "push_enabled": current.push_enabled,
            "quiet_hours_start": _iso(current.quiet_hours_start),
            "quiet_hours_end": _iso(current.quiet_hours_end),
            "digest_time": _iso(current.digest_time),
            "journal_nudge_time": _iso(current.journal_nudge_time),
        },
        "notifications": [
            {
                "id": notification.pk,
                "kind": notification.kind,
                "title": notification.title,
                "body": notification.body,
                "payload": notification.payload,
                "created_at": notification.created_at.isoformat(),
                "read_at": _iso(notification.read_at),
                "deliveries": [
                    {"channel": d.channel, "status": d.status, "sent_at": _iso(d.sent_at)}
                    for d in notification.deliveries.all()
                ],
            }
            for notification in notification_list_for_user(user=user).prefetch_related("deliveries")
        ],
    }


def _iso(value):
    return value.isoformat() if value is not None else None


def outbox_backlog(*, now: datetime) -> dict[str, tuple[int, float]]:
    """Per channel: deliveries not yet sent (pending or being sent) and the age in seconds of the
    oldest of them; the open-deliveries index serves it."""
    rows = (
        Delivery.objects.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])
        .values("channel")
        .annotate(count=Count("id"), oldest=Min("created_at"))
    )
    return {
        row["channel"]: (row["count"], max(0.0, (now - row["oldest"]).total_seconds()))
        for row in rows
    }
