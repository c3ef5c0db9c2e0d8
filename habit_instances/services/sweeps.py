"""The deadline sweep: set-based UPDATEs, one statement per move.

RETURNING (PostgreSQL, and SQLite >= 3.35) tells each sweep exactly which rows *its* UPDATE
changed, so when two sweeps run at once every instance is moved, and announced, by one of them.
"""

from datetime import datetime

from django.db import connection, transaction

from habit_instances.events import announce_grace_passed, announce_instances_pending
from habit_instances.models import (
    OPEN_STATUSES,
    HabitInstance,
    InstanceStatus,
    statuses_that_may_become,
)
from habit_instances.stats.cache import habit_stats_bulk_written


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


@transaction.atomic
def habit_instances_advance_statuses(*, now: datetime) -> dict[str, int]:
    """Expire open instances past fix_deadline, then move due ones to pending, then announce the
    grace deadline of those still open. Expiring first: a reminder for a window that has already
    closed would only be noise.

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
    announce_instances_pending(instance_ids=pending, now=when)
    # An instance that became pending in this very sweep with its grace already over (its habit
    # was made or moved after today's time) gets one reminder, not a reminder and a "still time"
    # nudge in the same minute; its grace_announced_at is set above all the same, so the nudge
    # never follows later either.
    just_pending = set(pending)
    announce_grace_passed(
        instance_ids=[pk for pk in grace_passed if pk not in just_pending], now=when
    )
    if expired or pending:
        habit_stats_bulk_written(now=when)
    return {"fix_expired": expired, "pending": len(pending), "grace_passed": len(grace_passed)}
