"""Every write on notifications: the outbox (a notification and its deliveries, written in the
transaction of the change that caused it), delivery state changes, the feed and the settings."""

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
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
from notifications.sql import execute, ids_subquery, rows_of, values_insert
from telegrambot.selectors import telegram_reachable_user_ids
from users.timezones import zone_named

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationSpec:
    user: object
    kind: str
    title: str
    body: str
    dedupe_key: str
    payload: dict = field(default_factory=dict)


class NotificationRow(NamedTuple):
    """A notification to write, by user id: what the bulk paths (a sweep's reminders) build
    straight from `.values_list()` rows, without loading users or instances as models."""

    user_id: int
    kind: str
    title: str
    body: str
    dedupe_key: str
    payload: dict


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


def notifications_create(*, specs: list[NotificationSpec], now: datetime) -> list[int]:
    """notifications_write for specs that carry the user object (digests, formed habits)."""
    return notifications_write(
        rows=[
            NotificationRow(
                spec.user.pk, spec.kind, spec.title, spec.body, spec.dedupe_key, spec.payload
            )
            for spec in specs
        ],
        now=now,
    )


def notifications_write(*, rows: list[NotificationRow], now: datetime) -> list[int]:
    """Writes notifications and one delivery per channel the user can receive on, in the
    caller's transaction; publishes the deliveries that are due once it commits. Answers the ids
    of the notifications written.

    A row whose (user, dedupe_key) already exists is skipped: the same cause notifies once. The
    unique constraint decides that in the INSERT (ON CONFLICT DO NOTHING), so a batch of any
    size costs the same few statements: the notifications, the users' settings, their chats, the
    deliveries.
    """
    fresh: dict[tuple[int, str], NotificationRow] = {}
    for row in rows:
        fresh.setdefault((row.user_id, row.dedupe_key), row)
    if not fresh:
        return []
    with transaction.atomic():
        written = _notifications_insert(rows=list(fresh.values()), now=now)
        _deliveries_write(written=written, now=now)
    return [notification_id for notification_id, _ in written]


def notifications_write_selected(*, select_sql: str, params: list, now: datetime) -> list[int]:
    """notifications_write for rows the database makes itself (PostgreSQL): `select_sql` yields
    (user_id, kind, title, body, payload jsonb, dedupe_key) per notification, and one
    INSERT … SELECT … ON CONFLICT DO NOTHING writes them without a round trip through Python."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    with transaction.atomic():
        written = execute(
            f"INSERT INTO {table} ({_NOTIFICATION_COLUMNS}) "
            f"SELECT s.*, %s FROM ({select_sql}) AS s {_ON_CONFLICT}",
            [now, *params],
        )
        written.sort()
        _deliveries_write(written=written, now=now)
    return [notification_id for notification_id, _ in written]


def _deliveries_write(*, written: list[tuple[int, int]], now: datetime) -> None:
    """The deliveries of the notifications just written ((id, user id) pairs), published after
    commit when due."""
    if not written:
        return
    recipients = _recipients(user_ids={user_id for _, user_id in written}, now=now)
    planned = [
        (notification_id, channel, not_before)
        for notification_id, user_id in written
        for channels, not_before in [recipients[user_id]]
        for channel in channels
    ]
    due_at = {notification_id: not_before for notification_id, _, not_before in planned}
    telegram_ids, email_ids = [], []
    for delivery_id, notification_id, channel in _deliveries_insert(planned=planned, now=now):
        if due_at[notification_id] <= now:
            (telegram_ids if channel == Delivery.Channel.TELEGRAM else email_ids).append(
                delivery_id
            )
    deliveries_publish_on_commit(telegram_ids=sorted(telegram_ids), email_ids=sorted(email_ids))


def _recipients(
    *, user_ids: set[int], now: datetime
) -> dict[int, tuple[tuple[str, ...], datetime]]:
    """user id → (channels, not_before): preferences, reachability and quiet hours, computed once
    per user, from one query for the users and their settings and one for their chats."""
    users = (
        get_user_model()
        .objects.filter(pk__in=ids_subquery(user_ids))
        .values_list(
            "pk",
            "timezone",
            "email",
            "notification_settings__telegram_enabled",
            "notification_settings__email_enabled",
            "notification_settings__quiet_hours_start",
            "notification_settings__quiet_hours_end",
        )
    )
    chats = telegram_reachable_user_ids(user_ids=ids_subquery(user_ids))
    email_on = email_channel_available()
    recipients = {}
    for user_id, zone, email, telegram_on, email_wanted, quiet_start, quiet_end in rows_of(users):
        # no settings row: the defaults (Telegram on, email off, no quiet hours)
        channels = []
        if telegram_on is not False and user_id in chats:
            channels.append(Delivery.Channel.TELEGRAM.value)
        if email_wanted and email_on and email:
            channels.append(Delivery.Channel.EMAIL.value)
        not_before = (
            quiet_hours_end_after(start=quiet_start, end=quiet_end, tz=zone_named(zone), now=now)
            or now
        )
        recipients[user_id] = (tuple(channels), not_before)
    return recipients


_NOTIFICATION_COLUMNS = "user_id, kind, title, body, payload, dedupe_key, created_at"
_ON_CONFLICT = "ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id, user_id"


def _notifications_insert(*, rows: list[NotificationRow], now: datetime) -> list[tuple[int, int]]:
    """INSERT … ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id, user_id: the
    (id, user id) of the rows this statement wrote, in id order."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    columns, tail = _NOTIFICATION_COLUMNS, _ON_CONFLICT
    values = [
        (
            row.user_id,
            str(row.kind),
            row.title[:200],
            row.body,
            json.dumps(row.payload),
            row.dedupe_key,
        )
        for row in rows
    ]
    if connection.vendor == "postgresql":
        # one statement for the whole batch: six arrays unnested side by side, binary-bound
        sql = (
            f"INSERT INTO {table} ({columns}) "
            "SELECT u, k, t, b, p::jsonb, d, %s FROM unnest("
            "%b::bigint[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[]"
            f") AS r(u, k, t, b, p, d) {tail}"
        )
        found = execute(sql, [now, *map(list, zip(*values, strict=True))])
    else:
        at = connection.ops.adapt_datetimefield_value(now)
        found = values_insert(
            head=f"INSERT INTO {table} ({columns}) VALUES ",
            row_sql="(%s, %s, %s, %s, %s, %s, %s)",
            rows=[(*value, at) for value in values],
            tail=tail,
        )
    return sorted(found)


def _deliveries_insert(*, planned: list[tuple[int, str, datetime]], now: datetime) -> list:
    """One pending delivery per (notification id, channel, not_before); answers
    (delivery id, notification id, channel) of each."""
    if not planned:
        return []
    table = connection.ops.quote_name(Delivery._meta.db_table)
    columns = "notification_id, channel, not_before, status, attempts, last_error, created_at"
    pending = Delivery.Status.PENDING.value
    if connection.vendor == "postgresql":
        sql = (
            f"INSERT INTO {table} ({columns}) "
            "SELECT n, c, b, %s, 0, '', %s "
            "FROM unnest(%b::bigint[], %b::text[], %b::timestamptz[]) AS r(n, c, b) "
            "RETURNING id, notification_id, channel"
        )
        return execute(sql, [pending, now, *map(list, zip(*planned, strict=True))])
    adapt = connection.ops.adapt_datetimefield_value
    return values_insert(
        head=f"INSERT INTO {table} ({columns}) VALUES ",
        row_sql="(%s, %s, %s, %s, 0, '', %s)",
        rows=[(n, c, adapt(b), pending, adapt(now)) for n, c, b in planned],
        tail="RETURNING id, notification_id, channel",
    )


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
    return deliveries_mark_sent(delivery_ids=[delivery_id], now=now) == 1


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
