"""The raw SQL of habit_instances, private to the app: only where a budget needs it.

Each statement is the twin of a rule defined in Python (tests/test_twin_paths.py runs both on the
same generated cases and compares):
- `insert_generated` — the generation's rule in habit_instances.schedule (which days are due,
  the deadlines, "may still be generated"); its fragments come from schedule.py itself;
- `current_streaks` — the streak rule of habit_instances.stats.compute.streaks.

Table and column names come from the models' _meta, never written out here.
"""

import json
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection

from habit_instances.models import DONE_STATUSES, FINAL_STATUSES, HabitInstance, InstanceStatus
from habit_instances.schedule import (
    FIX_DEADLINE_SQL,
    GRACE_DEADLINE_SQL,
    SCHEDULE_KIND_SQL,
    SCHEDULE_KINDS,
)
from habits.models import Habit


class _Names(dict):
    """`{field}` in a SQL template -> the quoted column of that model field, prefixed by the
    table alias (`h."start_date"`); other keys (`day`, `scheduled_at`) are given expressions.
    `{table}` is the quoted table name."""

    def __init__(self, model, alias: str = "", **expressions: str):
        super().__init__(table=connection.ops.quote_name(model._meta.db_table), **expressions)
        self.model = model
        self.prefix = f"{alias}." if alias else ""

    def __missing__(self, field: str) -> str:
        meta = self.model._meta
        column = (meta.pk if field == "pk" else meta.get_field(field)).column
        return self.prefix + connection.ops.quote_name(column)


def _due_condition(habit: _Names) -> str:
    """Whether the habit row `h` is due on the slot's day `s.day`: its kind's SQL fragment."""
    branches = " ".join(
        f"WHEN '{name}' THEN ({kind.sql_is_due.format_map(habit)})"
        for name, kind in SCHEDULE_KINDS.items()
    )
    return f"CASE {SCHEDULE_KIND_SQL.format_map(habit)} {branches} ELSE FALSE END"


# The chunk's users come in as an unnested array joined to the habits (an index lookup per user):
# `user_id = ANY(%s)` with a bound array is a linear search per habit row of the whole table.
# OFFSET 0 fences: the planner otherwise joins every user of a zone to every slot of that zone
# before it looks at the habits, or scans the whole habit table per chunk instead of each user's
# habits through the index (LATERAL).
_CHUNK_HABITS = """
    SELECT h.*, {u[timezone]} AS owner_zone
    FROM unnest(%(user_ids)s::bigint[]) AS chunk (user_id)
    JOIN {u[table]} u ON {u[pk]} = chunk.user_id
    CROSS JOIN LATERAL (
        SELECT * FROM {h[table]} h WHERE {h[user]} = {u[pk]} AND {h[is_active]} OFFSET 0
    ) h
"""

_SLOTS = """
SELECT DISTINCT h.owner_zone, {h[time_of_day]}
FROM ({chunk_habits}) h
"""

# The DST-exact scheduled_at of every (zone, local day, time of day) comes from Python
# (schedule.local_moment) as one JSON document (psycopg dumps big arrays slowly); the server joins
# each habit to its slot, keeps the due ones whose fix deadline is ahead, and inserts against the
# (habit, date) unique constraint: safe twice and concurrently.
_GENERATE = """
WITH slot AS (
    SELECT * FROM json_to_recordset(%(slots)s::json)
        AS s (timezone text, day date, time_of_day time, scheduled_at timestamptz)
)
INSERT INTO {i[table]} ({i[habit]}, {i[date]}, {i[status]}, {i[scheduled_at]},
                        {i[grace_deadline]}, {i[fix_deadline]}, {i[created_at]}, {i[updated_at]})
    SELECT {h[pk]}, s.day, %(status)s, s.scheduled_at, {grace_deadline}, {fix_deadline},
           %(now)s, %(now)s
    FROM ({chunk_habits} OFFSET 0) h
    JOIN slot s ON s.timezone = h.owner_zone AND s.time_of_day = {h[time_of_day]}
    WHERE ({is_due}) AND {fix_deadline} > %(now)s
    ORDER BY {h[pk]}, s.day
    ON CONFLICT DO NOTHING
"""


def _generation_names() -> dict[str, object]:
    habit = _Names(Habit, "h", day="s.day", scheduled_at="s.scheduled_at")
    names = {
        "h": habit,
        "u": _Names(get_user_model(), "u"),
        "i": _Names(HabitInstance),
        "grace_deadline": GRACE_DEADLINE_SQL.format_map(habit),
        "fix_deadline": FIX_DEADLINE_SQL.format_map(habit),
        "is_due": _due_condition(habit),
    }
    names["chunk_habits"] = _CHUNK_HABITS.format(**names)
    return names


def _no_jit(cursor) -> None:
    """The generation's statements touch a few thousand rows in tens of milliseconds, but the
    planner's cost estimate for a chunk can pass jit_above_cost (with statistics gone stale after
    a bulk load), and compiling then costs more than the work. SET LOCAL ends with the chunk's
    transaction."""
    cursor.execute("SET LOCAL jit = off")


def generation_slots(*, user_ids: list[int]) -> list[tuple[str, object]]:
    """The distinct (owner zone name, time of day) pairs of these users' active habits."""
    with connection.cursor() as cursor:
        _no_jit(cursor)
        cursor.execute(_SLOTS.format(**_generation_names()), {"user_ids": user_ids})
        return cursor.fetchall()


def insert_generated(*, user_ids: list[int], slots: list[dict], now: datetime) -> int:
    """Inserts the missing instances of these users' active habits for the given slots
    ({timezone, day, time_of_day, scheduled_at}, ISO strings) that the schedule rule allows at
    `now`; answers how many rows were new. PostgreSQL only (json_to_recordset, make_interval)."""
    params = {
        "slots": json.dumps(slots),
        "status": InstanceStatus.SCHEDULED,
        "now": now,
        "user_ids": user_ids,
    }
    with connection.cursor() as cursor:
        _no_jit(cursor)
        cursor.execute(_GENERATE.format(**_generation_names()), params)
        return cursor.rowcount


# The done instances dated after each habit's last break (missed / fix_expired); open ones neither
# extend nor break a streak. The last break is computed once per habit (a derived table), not
# once per done row. Plain SQL: runs on PostgreSQL and SQLite.
_STREAKS = """
SELECT {i[habit]}, COUNT(*)
FROM {i[table]} i
LEFT JOIN (
    SELECT {i[habit]} AS habit_id, MAX({i[date]}) AS last_break
    FROM {i[table]} i
    WHERE {i[habit]} IN ({ids}) AND {i[status]} IN ({breaks})
    GROUP BY {i[habit]}
) b ON b.habit_id = {i[habit]}
WHERE {i[habit]} IN ({ids}) AND {i[status]} IN ({done})
  AND (b.last_break IS NULL OR {i[date]} > b.last_break)
GROUP BY {i[habit]}
"""

BREAK_STATUSES = sorted(FINAL_STATUSES - DONE_STATUSES)


def current_streaks(*, habit_ids: list[int]) -> dict[int, int]:
    """habit id -> current streak, for the habits that have one (one query)."""
    done = sorted(DONE_STATUSES)

    def marks(values) -> str:
        return ", ".join(["%s"] * len(values))

    statement = _STREAKS.format(
        i=_Names(HabitInstance, "i"),
        ids=marks(habit_ids),
        breaks=marks(BREAK_STATUSES),
        done=marks(done),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*habit_ids, *BREAK_STATUSES, *habit_ids, *done])
        return dict(cursor.fetchall())
