"""The deadline sweep: set-based UPDATEs, one statement per move.

RETURNING (PostgreSQL, and SQLite >= 3.35) tells each sweep exactly which rows *its* UPDATE
changed, so when two sweeps run at once every instance is moved, and announced, by one of them.

The instances that became pending are announced (their reminders written) after the sweep's
transaction, from ReminderOwed rows the sweep wrote in it, in batches of OWED_BATCH, each batch
deleted in the transaction that announces it: once, and never lost.
"""

from datetime import datetime

from django.db import connection, transaction

from core.sql import among_ids, ids_subquery
from habit_instances.events import announce_grace_passed, announce_instances_pending
from habit_instances.models import (
    OPEN_STATUSES,
    HabitInstance,
    InstanceStatus,
    ReminderOwed,
    statuses_that_may_become,
)
from habits.data_version import habit_data_bulk_written


def _update(*, set_sql: str, where_sql: str, params: list, returning: bool) -> list[int] | int:
    """The ids this UPDATE changed (RETURNING id), or only how many when nobody needs the ids."""
    table = connection.ops.quote_name(HabitInstance._meta.db_table)
    sql = f"UPDATE {table} SET {set_sql} WHERE {where_sql}"
    with connection.cursor() as cursor:
        if not returning:
            cursor.execute(sql, params)
            return cursor.rowcount
        cursor.execute(f"{sql} RETURNING id", params)
        return sorted(row[0] for row in cursor.fetchall())


def _in_list(values: list[str]) -> str:
    return ", ".join(["%s"] * len(values))


# owed reminders announced per transaction: short enough that a mark of one of them never waits
# long on the batch's row locks, large enough that 100,000 are a few dozen statements
OWED_BATCH = 10000


def _owe(instance_ids: list[int]) -> None:
    """ReminderOwed rows for these ids, in one statement."""
    if not instance_ids:
        return
    table = connection.ops.quote_name(ReminderOwed._meta.db_table)
    column = connection.ops.quote_name(ReminderOwed._meta.get_field("instance_id").column)
    ids = ids_subquery(instance_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({column}) {ids.sql}", ids.params)


def _still_pending(instance_ids: list[int]) -> list[int]:
    if not instance_ids:
        return []
    return list(
        HabitInstance.objects.filter(among_ids("pk", instance_ids), status=InstanceStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _take_owed(*, limit: int) -> list[int]:
    """Deletes up to `limit` owed ids, lowest first, and answers them; on PostgreSQL rows another
    drain holds are skipped, so two drains at once share the work instead of waiting."""
    table = connection.ops.quote_name(ReminderOwed._meta.db_table)
    column = connection.ops.quote_name(ReminderOwed._meta.get_field("instance_id").column)
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    picked = f"SELECT {column} FROM {table} ORDER BY {column} LIMIT %s{lock}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {column} IN ({picked}) RETURNING {column}", [limit]
        )
        return sorted(row[0] for row in cursor.fetchall())


def habit_instances_announce_owed(*, now: datetime) -> int:
    """Announces INSTANCE_PENDING for every owed reminder, OWED_BATCH per transaction: the batch's
    owed rows are deleted in the transaction whose subscribers write the reminders, so each is
    written once; an instance no longer open by then (marked in between) or gone is dropped, as a
    reminder for it would be noise. Answers how many were announced."""
    announced = 0
    while True:
        with transaction.atomic():
            taken = _take_owed(limit=OWED_BATCH)
            still_open = _still_pending(taken)
            announce_instances_pending(instance_ids=still_open, now=now)
        announced += len(still_open)
        if len(taken) < OWED_BATCH:
            return announced


def habit_instances_advance_statuses(*, now: datetime) -> dict[str, int]:
    """The sweep (one transaction), then the reminders it owes (habit_instances_announce_owed:
    these and any a crashed run left)."""
    moved = habit_instances_sweep(now=now)
    habit_instances_announce_owed(now=now)
    return moved


@transaction.atomic
def habit_instances_sweep(*, now: datetime) -> dict[str, int]:
    """Expire open instances past fix_deadline, then move due ones to pending (their reminders
    owed), then announce the grace deadline of those still open. Expiring first: a reminder for a
    window that has already closed would only be noise.

    Stats need no per-habit invalidation here: an entry is only valid until the earliest
    scheduled_at / fix_deadline of its open instances, exactly the times this sweep acts on
    (habit_instances/stats/freshness.py); the sweep only records how far it has moved things."""
    when = now
    now = connection.ops.adapt_datetimefield_value(now)  # SQLite stores naive UTC text
    expire_from = statuses_that_may_become(InstanceStatus.FIX_EXPIRED)
    expired = _update(
        set_sql="status = %s, updated_at = %s",
        where_sql=f"status IN ({_in_list(expire_from)}) AND fix_deadline < %s",
        params=[InstanceStatus.FIX_EXPIRED, now, *expire_from, now],
        returning=False,
    )
    pending = _update(
        set_sql="status = %s, updated_at = %s",
        where_sql="status = %s AND scheduled_at <= %s",
        params=[InstanceStatus.PENDING, now, InstanceStatus.SCHEDULED, now],
        returning=True,
    )
    still_open = sorted(OPEN_STATUSES)
    grace_passed = _update(
        set_sql="grace_announced_at = %s",
        where_sql=(
            f"status IN ({_in_list(still_open)}) AND grace_deadline < %s "
            "AND grace_announced_at IS NULL"
        ),
        params=[now, *still_open, now],
        returning=True,
    )
    _owe(pending)
    # An instance that became pending in this very sweep with its grace already over (its habit
    # was made or moved after today's time) gets one reminder, not a reminder and a "still time"
    # nudge in the same minute; its grace_announced_at is set above all the same, so the nudge
    # never follows later either.
    just_pending = set(pending)
    announce_grace_passed(
        instance_ids=[pk for pk in grace_passed if pk not in just_pending], now=when
    )
    if expired or pending:
        habit_data_bulk_written(now=when)
    return {"fix_expired": expired, "pending": len(pending), "grace_passed": len(grace_passed)}
