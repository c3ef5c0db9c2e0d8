"""Every write on notifications: the outbox (a notification and its deliveries, written in the
transaction of the change that caused it), delivery state changes, the feed and the settings.

The SQL of the set-based writes is in notifications.sql; the channels come from
notifications.channels, filled by the apps that send on them."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Expression, F, QuerySet

from core.exceptions import ValidationFailed
from core.metrics import deliveries_sent_count, metrics_enabled
from core.ownership import get_owned_or_404
from core.sql import among_ids, ids_subquery
from notifications import sql
from notifications.channels import Channel, channel_defaults, channels_registered
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.publisher import deliveries_publish_on_commit
from notifications.selectors import (
    delivery_ids_due,
    notification_list_for_user,
    notification_settings_get,
    republish_cutoff,
)
from users.timezones import zone_named

logger = logging.getLogger(__name__)

# a setting the request left out keeps its stored value (None is a value: "off")
UNCHANGED = object()


@dataclass(frozen=True, kw_only=True, slots=True)
class NotificationRow:
    """A notification to write, by user id: the bulk paths build these straight from
    `.values_list()` rows, without loading users or instances as models."""

    user_id: int
    kind: str
    title: str
    body: str
    # what it is about ("nudge:91", "digest:2026-11-22"): the same cause notifies once
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


def notifications_write(*, rows: list[NotificationRow], now: datetime) -> list[int]:
    """Writes notifications and one delivery per channel the user can receive on, in the
    caller's transaction; publishes the deliveries that are due once it commits. Answers the ids
    of the notifications written.

    A row whose (user, dedupe_key) already exists is skipped: the same cause notifies once. The
    unique constraint decides that in the INSERT, so a batch of any size costs the same few
    statements: the notifications, the users' settings, each channel's reach, the deliveries.
    """
    fresh: dict[tuple[int, str], NotificationRow] = {}
    for row in rows:
        fresh.setdefault((row.user_id, row.dedupe_key), row)
    if not fresh:
        return []
    values = [
        (row.user_id, str(row.kind), row.title[:200], row.body, row.payload, row.dedupe_key)
        for row in fresh.values()
    ]
    with transaction.atomic():
        written = sql.notifications_insert(rows=values, now=now)
        _deliveries_write(written=written, now=now)
    return [notification_id for notification_id, _ in written]


def notifications_write_computed(
    *, source: QuerySet, values: dict[str, Expression], now: datetime
) -> list[int]:
    """notifications_write for notifications the database computes: one per row of `source`,
    each field (user, kind, title, body, payload, dedupe_key) an expression over that row.
    For a sweep's 100,000 reminders, which then never travel to Python and back."""
    with transaction.atomic():
        written = sql.notifications_insert_selected(source=source, values=values, now=now)
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
    due: dict[str, list[int]] = defaultdict(list)
    for delivery_id, notification_id, channel in sql.deliveries_insert(planned=planned, now=now):
        if due_at[notification_id] <= now:
            due[channel].append(delivery_id)
    deliveries_publish_on_commit(due=due)


def _wanted(channel: Channel, choice: bool | None, defaults: dict[str, bool]) -> bool:
    """The user's choice for the channel; the server's default when they never saved one."""
    if choice is None:
        return defaults[channel.preference]
    return choice


def _recipients(
    *, user_ids: set[int], now: datetime
) -> dict[int, tuple[tuple[str, ...], datetime]]:
    """user id -> (channels, not_before): preferences, reachability and quiet hours, computed once
    per user, from one query for the users and their settings and one per channel that says
    whom it can reach."""
    channels = [channel for channel in channels_registered() if channel.is_configured()]
    users = (
        get_user_model()
        .objects.filter(among_ids("pk", user_ids))
        .values_list(
            "pk",
            "timezone",
            "notification_settings__quiet_hours_start",
            "notification_settings__quiet_hours_end",
            *(f"notification_settings__{channel.preference}" for channel in channels),
        )
    )
    reachable = {
        channel.name: set(channel.reachable_user_ids(user_ids=ids_subquery(user_ids)))
        for channel in channels
        if channel.reachable_user_ids is not None
    }
    defaults = channel_defaults()
    recipients = {}
    for user_id, zone, quiet_start, quiet_end, *choices in users:
        on = tuple(
            channel.name
            for channel, choice in zip(channels, choices, strict=True)
            if _wanted(channel, choice, defaults)
            and (channel.name not in reachable or user_id in reachable[channel.name])
        )
        not_before = (
            quiet_hours_end_after(start=quiet_start, end=quiet_end, tz=zone_named(zone), now=now)
            or now
        )
        recipients[user_id] = (on, not_before)
    return recipients


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
    """delivery_claim for a batch, in one statement: answers the ids this caller won. Callers
    racing over the same ids each win a disjoint part."""
    if not delivery_ids:
        return []
    return sql.deliveries_claim(delivery_ids=delivery_ids, channel=channel, now=now)


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
    marked = Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=now, claimed_at=None, last_error=""
    )
    if marked and metrics_enabled():  # one more query, only while metrics are on
        sent = (
            Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.SENT, sent_at=now)
            .values("channel", "notification__kind")
            .annotate(count=Count("id"))
        )
        for row in sent:
            deliveries_sent_count(
                channel=row["channel"], kind=row["notification__kind"], count=row["count"]
            )
    return marked


def delivery_mark_sent(*, delivery_id: int, now: datetime) -> bool:
    return deliveries_mark_sent(delivery_ids=[delivery_id], now=now) == 1


def delivery_mark_failed(*, delivery_id: int, error: str) -> bool:
    """A permanent failure: never tried again. (No `now`: a failure records no time.)"""
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
            delivery_id=delivery_id, error=f"gave up after retries: {error}"
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
    deliveries still pending a minute after they were written are published again, per channel.
    Answers how many were released and, per channel, published."""
    lease = now - timedelta(seconds=settings.NOTIFICATIONS_SENDING_LEASE_SECONDS)
    released = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=lease).update(
        status=Delivery.Status.PENDING, claimed_at=None, last_error="sender lease expired"
    )
    cutoff = republish_cutoff(now=now)
    due = {
        channel.name: delivery_ids_due(channel=channel.name, now=now, created_before=cutoff)
        for channel in channels_registered()
    }
    deliveries_publish_on_commit(due=due)
    return {"released": released, **{name: len(ids) for name, ids in due.items()}}


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
    push_enabled: bool | None = None,
    quiet_hours_start: time | None,
    quiet_hours_end: time | None,
    digest_time: time | None,
    journal_nudge_time: time | None | object = UNCHANGED,
) -> NotificationSettings:
    errors = {}
    if (quiet_hours_start is None) != (quiet_hours_end is None):
        missing = "quiet_hours_end" if quiet_hours_end is None else "quiet_hours_start"
        errors[missing] = ["Give both ends of the quiet hours, or neither."]
    elif quiet_hours_start is not None and quiet_hours_start == quiet_hours_end:
        errors["quiet_hours_end"] = ["Quiet hours must end at another time than they start."]
    if errors:
        raise ValidationFailed(fields=errors)
    if push_enabled is None:  # a client that does not know Web Push keeps the current choice
        push_enabled = notification_settings_get(user=user).push_enabled
    if journal_nudge_time is UNCHANGED:  # likewise a client that does not know the nudge
        journal_nudge_time = notification_settings_get(user=user).journal_nudge_time
    current, _ = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            "telegram_enabled": telegram_enabled,
            "email_enabled": email_enabled,
            "push_enabled": push_enabled,
            "quiet_hours_start": quiet_hours_start,
            "quiet_hours_end": quiet_hours_end,
            "digest_time": digest_time,
            "journal_nudge_time": journal_nudge_time,
        },
    )
    return current


def notifications_wipe(user) -> None:
    Notification.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
