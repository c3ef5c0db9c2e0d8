"""Every write on notifications: the outbox (a notification and its deliveries, written in the
transaction of the change that caused it), delivery state changes, the feed and the settings."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F

from core.exceptions import ValidationFailed
from core.ownership import get_owned_or_404
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.publisher import deliveries_publish_on_commit
from notifications.selectors import (
    delivery_ids_due,
    email_channel_available,
    notification_list_for_user,
    republish_cutoff,
)
from telegrambot.selectors import telegram_reachable_user_ids

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationSpec:
    user: object
    kind: str
    title: str
    body: str
    dedupe_key: str
    payload: dict = field(default_factory=dict)


def quiet_hours_end_after(
    *, start: time | None, end: time | None, tz: ZoneInfo, now: datetime
) -> datetime | None:
    """When `now` falls in the quiet hours, the moment they end; else None."""
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(tz)
    moment = local.time().replace(tzinfo=None)
    inside = start <= moment < end if start < end else (moment >= start or moment < end)
    if not inside:
        return None
    day = local.date() if moment < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=tz)


def _user_zone(user) -> ZoneInfo:
    try:
        return ZoneInfo(user.timezone)
    except Exception:  # an unknown zone name must not lose the notification
        return ZoneInfo(settings.DEFAULT_USER_TIMEZONE)


def notifications_create(*, specs: list[NotificationSpec], now: datetime) -> list[Notification]:
    """Writes notifications and one delivery per channel the user can receive on, in the
    caller's transaction; publishes the deliveries that are due once it commits.

    A spec whose (user, dedupe_key) already exists is skipped: the same cause notifies once.
    """
    if not specs:
        return []
    with transaction.atomic():
        user_ids = {spec.user.pk for spec in specs}
        existing = set(
            Notification.objects.filter(
                user_id__in=user_ids, dedupe_key__in={spec.dedupe_key for spec in specs}
            ).values_list("user_id", "dedupe_key")
        )
        fresh, seen = [], set()
        for spec in specs:
            key = (spec.user.pk, spec.dedupe_key)
            if key not in existing and key not in seen:
                seen.add(key)
                fresh.append(spec)
        if not fresh:
            return []
        notifications = Notification.objects.bulk_create(
            [
                Notification(
                    user=spec.user,
                    kind=spec.kind,
                    title=spec.title[:200],
                    body=spec.body,
                    payload=spec.payload,
                    dedupe_key=spec.dedupe_key,
                    created_at=now,
                )
                for spec in fresh
            ]
        )
        preferences = {
            row.user_id: row for row in NotificationSettings.objects.filter(user_id__in=user_ids)
        }
        chats = telegram_reachable_user_ids(user_ids=user_ids)
        email_on = email_channel_available()
        deliveries = []
        for notification in notifications:
            user = notification.user
            prefs = preferences.get(user.pk) or NotificationSettings(user=user)
            not_before = (
                quiet_hours_end_after(
                    start=prefs.quiet_hours_start,
                    end=prefs.quiet_hours_end,
                    tz=_user_zone(user),
                    now=now,
                )
                or now
            )
            channels = []
            if prefs.telegram_enabled and user.pk in chats:
                channels.append(Delivery.Channel.TELEGRAM)
            if prefs.email_enabled and email_on and user.email:
                channels.append(Delivery.Channel.EMAIL)
            deliveries += [
                Delivery(
                    notification=notification,
                    channel=channel,
                    not_before=not_before,
                    created_at=now,
                )
                for channel in channels
            ]
        deliveries = Delivery.objects.bulk_create(deliveries)
        due = [delivery for delivery in deliveries if delivery.not_before <= now]
        deliveries_publish_on_commit(
            telegram_ids=[d.pk for d in due if d.channel == Delivery.Channel.TELEGRAM],
            email_ids=[d.pk for d in due if d.channel == Delivery.Channel.EMAIL],
        )
    return notifications


# --- delivery state: compare-and-set on status, so two senders never send the same row ----------


def delivery_claim(*, delivery_id: int, channel: str, now: datetime) -> bool:
    """pending → sending, when due. False when someone else has it or it is not due yet."""
    return (
        Delivery.objects.filter(
            pk=delivery_id, channel=channel, status=Delivery.Status.PENDING, not_before__lte=now
        ).update(status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
        == 1
    )


def deliveries_claim(*, delivery_ids: list[int], channel: str, now: datetime) -> list[int]:
    """delivery_claim for a batch, in one conditional UPDATE ... RETURNING: answers the ids this
    caller won. Callers racing over the same ids each win a disjoint part."""
    if not delivery_ids:
        return []
    table = connection.ops.quote_name(Delivery._meta.db_table)
    at = connection.ops.adapt_datetimefield_value(now)
    ids = sorted({int(pk) for pk in delivery_ids})
    due = (
        f"id IN ({', '.join(['%s'] * len(ids))}) "
        "AND channel = %s AND status = %s AND not_before <= %s"
    )
    due_params = [*ids, channel, Delivery.Status.PENDING, at]
    if connection.features.has_select_for_update_skip_locked:
        # PostgreSQL: rows another claimer is locking are skipped, not waited for, and locks
        # are taken in id order: a race over a batch can neither block nor deadlock.
        due = f"id IN (SELECT id FROM {table} WHERE {due} ORDER BY id FOR UPDATE SKIP LOCKED)"
    # SQLite has one writer at a time: the plain conditional UPDATE is the whole story there.
    # Django's update() cannot answer which rows it changed; RETURNING does, in the statement.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "
            f"WHERE {due} RETURNING id",
            [Delivery.Status.SENDING, at, *due_params],
        )
        return sorted(row[0] for row in cursor.fetchall())


def deliveries_unclaim(*, delivery_ids: list[int], not_before: datetime) -> int:
    """Gives back claims that were never tried (the sender is stopping, or a chat must wait its
    turn): sending → pending, due at `not_before`, and the claim's attempt does not count."""
    if not delivery_ids:
        return 0
    return Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.PENDING,
        claimed_at=None,
        not_before=not_before,
        attempts=F("attempts") - 1,
    )


def deliveries_mark_sent(*, delivery_ids: list[int], now: datetime) -> int:
    """delivery_mark_sent for a batch, in one UPDATE; answers how many were still ours."""
    if not delivery_ids:
        return 0
    return Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=now, claimed_at=None, last_error=""
    )


def delivery_mark_sent(*, delivery_id: int, now: datetime) -> bool:
    return (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.SENT, sent_at=now, claimed_at=None, last_error=""
        )
        == 1
    )


def delivery_mark_failed(*, delivery_id: int, error: str, now: datetime) -> bool:
    """A permanent failure: never tried again."""
    logger.warning("Delivery %s failed for good: %s", delivery_id, error)
    return (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.FAILED, claimed_at=None, last_error=error[:1000]
        )
        == 1
    )


def delivery_release(
    *, delivery_id: int, error: str, now: datetime, retry_at: datetime | None = None
) -> bool:
    """A transient failure: sending → pending (not before `retry_at`), or failed once it has
    used up NOTIFICATIONS_MAX_ATTEMPTS."""
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING)
    if claimed.filter(attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).exists():
        return delivery_mark_failed(
            delivery_id=delivery_id, error=f"gave up after retries: {error}", now=now
        )
    logger.info("Delivery %s will be retried: %s", delivery_id, error)
    return (
        claimed.update(
            status=Delivery.Status.PENDING,
            claimed_at=None,
            last_error=error[:1000],
            not_before=max(retry_at or now, now),
        )
        == 1
    )


def deliveries_republish(*, now: datetime) -> dict:
    """The safety net: claims older than the lease go back to pending (their sender died), and
    deliveries still pending a minute after they were written are published again."""
    lease = now - timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS)
    released = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=lease).update(
        status=Delivery.Status.PENDING, claimed_at=None, last_error="sender lease expired"
    )
    cutoff = republish_cutoff(now=now)
    telegram_ids = delivery_ids_due(
        channel=Delivery.Channel.TELEGRAM, now=now, created_before=cutoff
    )
    email_ids = delivery_ids_due(channel=Delivery.Channel.EMAIL, now=now, created_before=cutoff)
    deliveries_publish_on_commit(telegram_ids=telegram_ids, email_ids=email_ids)
    return {"released": released, "telegram": len(telegram_ids), "email": len(email_ids)}


def delivery_send_email(*, delivery_id: int, now: datetime) -> str:
    """Sends one email delivery through Django's email backend. Returns the resulting status."""
    if not delivery_claim(delivery_id=delivery_id, channel=Delivery.Channel.EMAIL, now=now):
        return "skipped"
    delivery = Delivery.objects.select_related("notification__user").get(pk=delivery_id)
    notification = delivery.notification
    if not email_channel_available():
        delivery_mark_failed(delivery_id=delivery_id, error="email is not configured", now=now)
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


# --- the feed -------------------------------------------------------------------------------


def notification_mark_read(*, user, notification_id: int, now: datetime) -> Notification:
    notification = get_owned_or_404(Notification.objects.all(), user=user, pk=notification_id)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    notification.refresh_from_db()
    return notification


def notifications_mark_all_read(*, user, now: datetime) -> int:
    return notification_list_for_user(user=user).filter(read_at__isnull=True).update(read_at=now)


# --- settings -------------------------------------------------------------------------------


@transaction.atomic
def notification_settings_update(
    *,
    user,
    telegram_enabled: bool,
    email_enabled: bool,
    quiet_hours_start: time | None,
    quiet_hours_end: time | None,
    digest_time: time | None,
) -> NotificationSettings:
    errors = {}
    if (quiet_hours_start is None) != (quiet_hours_end is None):
        missing = "quiet_hours_end" if quiet_hours_end is None else "quiet_hours_start"
        errors[missing] = ["Give both ends of the quiet hours, or neither."]
    elif quiet_hours_start is not None and quiet_hours_start == quiet_hours_end:
        errors["quiet_hours_end"] = ["Quiet hours must end at another time than they start."]
    if errors:
        raise ValidationFailed(fields=errors)
    current, _ = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            "telegram_enabled": telegram_enabled,
            "email_enabled": email_enabled,
            "quiet_hours_start": quiet_hours_start,
            "quiet_hours_end": quiet_hours_end,
            "digest_time": digest_time,
        },
    )
    return current


def notifications_wipe(user) -> None:
    Notification.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
