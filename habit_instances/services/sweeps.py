"""The deadline sweep: set-based UPDATE ... RETURNING, one statement per move.

RETURNING (PostgreSQL, and SQLite >= 3.35) tells each sweep exactly which rows *its* UPDATE
changed, so when two sweeps run at once every instance is moved, and announced, by one of them.
"""

from datetime import datetime

from django.db import connection, transaction

from habit_instances.events import announce_grace_passed, announce_instances_pending
from habit_instances.models import HabitInstance, InstanceStatus, statuses_that_may_become
from habits.stats_cache import habit_stats_invalidate


def _update_returning(*, set_sql: str, where_sql: str, params: list) -> list[tuple[int, int]]:
    table = connection.ops.quote_name(HabitInstance._meta.db_table)
    sql = f"UPDATE {table} SET {set_sql} WHERE {where_sql} RETURNING id, habit_id"  # noqa: S608 - fixed fragments, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1]) for row in cursor.fetchall()]


def _in_list(values: list[str]) -> str:
    return ", ".join(["%s"] * len(values))


@transaction.atomic
def habit_instances_advance_statuses(*, now: datetime) -> dict[str, int]:
    """Expire open instances past fix_deadline, then move due ones to pending, then announce the
    grace deadline of those still open. Expiring first: a reminder for a window that has already
    closed would only be noise."""
    now = connection.ops.adapt_datetimefield_value(now)  # SQLite stores naive UTC text
    expire_from = statuses_that_may_become(InstanceStatus.FIX_EXPIRED)
    expired = _update_returning(
        set_sql="status = %s, updated_at = %s",
        where_sql=f"status IN ({_in_list(expire_from)}) AND fix_deadline < %s",
        params=[InstanceStatus.FIX_EXPIRED, now, *expire_from, now],
    )
    pending = _update_returning(
        set_sql="status = %s, updated_at = %s",
        where_sql="status = %s AND scheduled_at <= %s",
        params=[InstanceStatus.PENDING, now, InstanceStatus.SCHEDULED, now],
    )
    still_open = sorted({InstanceStatus.SCHEDULED, InstanceStatus.PENDING})
    grace_passed = _update_returning(
        set_sql="grace_announced_at = %s",
        where_sql=(
            f"status IN ({_in_list(still_open)}) AND grace_deadline < %s "
            "AND grace_announced_at IS NULL"
        ),
        params=[now, *still_open, now],
    )
    announce_instances_pending(instance_ids=sorted(pk for pk, _ in pending))
    announce_grace_passed(instance_ids=sorted(pk for pk, _ in grace_passed))
    habit_stats_invalidate(habit_ids={habit_id for _, habit_id in expired + pending})
    return {"fix_expired": len(expired), "pending": len(pending), "grace_passed": len(grace_passed)}
