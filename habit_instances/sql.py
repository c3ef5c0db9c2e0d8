"""The raw SQL of habit_instances, private to the app: only where a budget needs it.

Each statement is the twin of a rule defined in Python (tests/test_twin_paths.py runs both on the
same generated cases and compares):
- `insert_generated` — the generation's rule in habit_instances.schedule (which days are due,
  the deadlines, "may still be generated"); its fragments come from schedule.py itself;
- `complete_owned` — the completion's compare-and-set (services/transitions.py states the rule;
  this is its one statement with the owner check, for POST complete's round trips);
- `current_streaks` and the streak column of `instance_rows_*` — the streak rule of
  habit_instances.stats.compute.habit_streaks (one fragment, `_CURRENT_STREAK`, serves both);
- the `open_until` column of `instance_rows_of_day` — stats.freshness.next_sweep_at, the moment
  the sweep may next move an open instance, folded over the listed habits' recent open instances;
- `next_due_columns` — what schedule.next_due_date needs from the instances (today's status, the
  week's done count), as columns of the habit list's own statement (habits.sql.HabitRows) and of
  `habits_with_next_due_columns`.

Table and column names come from the models' _meta, never written out here.
"""

import functools
import json
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection

from core.sql import server_bound_rows
from habit_instances.models import (
    DONE_STATUSES,
    OPEN_STATUSES,
    STREAK_BREAKING_STATUSES,
    STREAK_EXTENDING_STATUSES,
    HabitInstance,
    InstanceStatus,
)
from habit_instances.schedule import (
    FIX_DEADLINE_SQL,
    GRACE_DEADLINE_SQL,
    OPEN_DAYS_BACK,
    PAUSED_SQL,
    SCHEDULE_KIND_SQL,
    SCHEDULE_KINDS,
    TIMES_PER_WEEK,
    week_start,
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


# The `done_this_week` of schedule.ScheduleKind: the habit's done instances dated in the ISO week
# of `{day}` before it (PostgreSQL: isodow is 1 on Monday). A probe into the
# (habit, status, date) index, evaluated only for times_per_week habits (the CASE below).
_DONE_THIS_WEEK = """(
    SELECT COUNT(*) FROM {w[table]} w
    WHERE {w[habit]} = {habit_id} AND {w[status]} IN ({done})
      AND {w[date]} >= {day} - (CAST(extract(isodow FROM {day}) AS integer) - 1)
      AND {w[date]} < {day}
)"""


def _due_condition(habit: _Names) -> str:
    """Whether the habit row `h` is due on the slot's day `s.day`: not paused, and its kind's
    SQL fragment."""
    names = _Names(Habit, "h", day=habit["day"], scheduled_at=habit["scheduled_at"])
    names["done_this_week"] = _DONE_THIS_WEEK.format(
        w=_Names(HabitInstance, "w"),
        habit_id=habit["pk"],
        done=_literals(DONE_STATUSES),
        day=habit["day"],
    )
    branches = " ".join(
        f"WHEN '{name}' THEN ({kind.sql_is_due.format_map(names)})"
        for name, kind in SCHEDULE_KINDS.items()
    )
    kind = SCHEDULE_KIND_SQL.format_map(names)
    return f"NOT {PAUSED_SQL.format_map(names)} AND CASE {kind} {branches} ELSE FALSE END"


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
        SELECT * FROM {h[table]} h
        WHERE {h[user]} = {u[pk]} AND {h[is_active]} AND NOT {h[is_archived]} OFFSET 0
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


# The current streak of the habit row `h` (an outer alias): the twin of stats.compute's
# habit_streaks, one CASE over its schedule kind. Correlated subqueries, so a query over a few
# habits computes each streak from the (habit, status, date) index alone, and so a query that
# lists instances brings their habits' streaks with it. Plain SQL: runs on PostgreSQL and SQLite
# (a date before any instance compares as a date on one and as text on the other). It takes one
# parameter, the Monday of the owner's current week, first among the statement's parameters.
#
# Per instance (every_n_days, weekdays): its extending instances dated after its last breaking one.
_INSTANCE_STREAK = """(
    SELECT COUNT(*) FROM {d[table]} d
    WHERE {d[habit]} = {h[pk]} AND {d[status]} IN ({extends})
      AND {d[date]} > COALESCE((
          SELECT MAX({b[date]}) FROM {b[table]} b
          WHERE {b[habit]} = {h[pk]} AND {b[status]} IN ({breaks})
      ), '0001-01-01')
)"""
# Per week (times_per_week): the weeks that met the target after the last earlier week that has
# instances and fell short (stats.compute.weekly_streaks).
_WEEKS = """
    SELECT {week} AS week,
           SUM(CASE WHEN {x[status]} IN ({extends}) THEN 1 ELSE 0 END) AS done
    FROM {x[table]} x WHERE {x[habit]} = {h[pk]} GROUP BY {week}
"""
_WEEKLY_STREAK = """(
    SELECT COUNT(*) FROM ({weeks}) met
    WHERE met.done >= {h[times_per_week]} AND met.week > COALESCE((
        SELECT MAX(short.week) FROM ({weeks}) short
        WHERE short.done < {h[times_per_week]} AND short.week < %s
    ), '0001-01-01')
)"""
_CURRENT_STREAK = """(CASE WHEN {h[schedule]} = '{weekly}' THEN {weekly_streak}
    ELSE {instance_streak} END)"""


def _week_start_of(column: str) -> str:
    """schedule.week_start in SQL: the Monday of a date column's ISO week."""
    if connection.vendor == "postgresql":
        return f"({column} - (CAST(extract(isodow FROM {column}) AS integer) - 1))"
    return f"date({column}, '-6 days', 'weekday 1')"


def _literals(values) -> str:
    """Status names from the model's choices (never user input) as SQL string literals."""
    return ", ".join(f"'{value}'" for value in sorted(values))


def _current_streak_of(habit: _Names) -> str:
    extends = _literals(STREAK_EXTENDING_STATUSES)
    x = _Names(HabitInstance, "x")
    weeks = _WEEKS.format(x=x, h=habit, extends=extends, week=_week_start_of(x["date"]))
    # The weekly fragment names the parameter twice over (`weeks` appears twice, the %s once).
    return _CURRENT_STREAK.format(
        h=habit,
        weekly=TIMES_PER_WEEK,
        weekly_streak=_WEEKLY_STREAK.format(weeks=weeks, h=habit),
        instance_streak=_INSTANCE_STREAK.format(
            d=_Names(HabitInstance, "d"),
            b=_Names(HabitInstance, "b"),
            h=habit,
            extends=extends,
            breaks=_literals(STREAK_BREAKING_STATUSES),
        ),
    )


# Today's instance status (NULL without one: the (habit, date) unique index) and, for a
# times_per_week habit only (no other kind reads it), its done instances of today's ISO week
# through today: the inputs of schedule.next_due_date beside the habit's own fields. Parameters:
# today, the Monday of its week, today (next_due_params).
_NEXT_DUE_COLUMNS = """(
    SELECT {t[status]} FROM {t[table]} t WHERE {t[habit]} = {h[pk]} AND {t[date]} = %s
) AS next_due_today_status, (CASE WHEN {kind} = '{weekly}' THEN (
    SELECT COUNT(*) FROM {w[table]} w
    WHERE {w[habit]} = {h[pk]} AND {w[status]} IN ({done}) AND {w[date]} >= %s AND {w[date]} <= %s
) ELSE 0 END) AS next_due_done_this_week"""


@functools.cache
def next_due_columns() -> str:
    habit = _Names(Habit, "h")
    return _NEXT_DUE_COLUMNS.format(
        t=_Names(HabitInstance, "t"),
        w=_Names(HabitInstance, "w"),
        h=habit,
        kind=SCHEDULE_KIND_SQL.format_map(habit),
        weekly=TIMES_PER_WEEK,
        done=_literals(DONE_STATUSES),
    )


def next_due_params(today: date) -> list:
    return [today, week_start(today), today]


def habits_with_next_due_columns(*, user_id: int, habit_ids: list[int], today: date) -> list[Habit]:
    """These habits of the user as model objects carrying `next_due_today_status` and
    `next_due_done_this_week` (one query)."""
    habit = _Names(Habit, "h")
    statement = (
        f"SELECT h.*, {next_due_columns()} FROM {habit['table']} h "
        f"WHERE {habit['user']} = %s AND {habit['pk']} IN ({', '.join(['%s'] * len(habit_ids))})"
    )
    return list(Habit.objects.raw(statement, [*next_due_params(today), user_id, *habit_ids]))


def current_streaks(*, habit_ids: list[int], this_week: date) -> dict[int, int]:
    """habit id -> current streak, for each of these habits of one owner whose current week
    starts on `this_week` (one query)."""
    habit = _Names(Habit, "h")
    statement = (
        f"SELECT {habit['pk']}, {_current_streak_of(habit)} "
        f"FROM {habit['table']} h WHERE {habit['pk']} IN ({', '.join(['%s'] * len(habit_ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [this_week, *habit_ids])
        return dict(cursor.fetchall())


# The instance API's rows (habit_instances.serializers.instance_rows_data renders them, in this
# column order; the habit id is the tenth column, after the note):
# the instance, its habit's summary, the related pleasant habit's name and the habit's current
# streak, in one statement. `{where}` filters on i (instance), h (habit). `{streaks}` is empty
# (the streak computed per row: one row per habit) or a derived table `st` of the habits'
# streaks computed once per habit (a range of days: one row per habit and day).
_INSTANCE_ROWS = """
SELECT {i[pk]}, {i[date]}, {i[status]}, {i[scheduled_at]}, {i[grace_deadline]},
       {i[fix_deadline]}, {i[completed_at]}, {i[recorded_late]}, {i[note]},
       {h[pk]}, {h[name]}, {h[action]}, {h[place]}, {h[time_of_day]}, {h[is_pleasant]},
       {h[reward_text]}, {r[name]}, {streak}{extra}
FROM {i[table]} i
JOIN {h[table]} h ON {h[pk]} = {i[habit]}
LEFT JOIN {r[table]} r ON {r[pk]} = {h[related_pleasant_habit]}
{streaks}
WHERE {where}
ORDER BY {order}
"""
# The fence keeps the derived table a table: pulled up into the join, its correlated streak
# subqueries would run once per joined row again (SQLite has no OFFSET without LIMIT).
_STREAKS = """JOIN (
    SELECT {h[pk]} AS habit_id, {streak} AS streak FROM {h[table]} h WHERE {where} {fence}
) st ON st.habit_id = {h[pk]}"""


@functools.cache
def _instance_rows_statement(where: str, order: str, streaks_of: str = "", extra: str = "") -> str:
    """Built once per process (the hot path of /today/ does not format SQL per request).
    `streaks_of`: a condition on the habits h whose streaks a derived table computes once
    each, instead of one per row. `extra`: a last column, after the rows' own."""
    i, h = _Names(HabitInstance, "i"), _Names(Habit, "h")
    streaks = ""
    if streaks_of:
        streaks = _STREAKS.format(
            h=h,
            streak=_current_streak_of(h),
            where=streaks_of.format(h=h),
            fence="OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1 OFFSET 0",
        )
    return _INSTANCE_ROWS.format(
        i=i,
        h=h,
        r=_Names(Habit, "r"),
        streak="st.streak" if streaks_of else _current_streak_of(h),
        streaks=streaks,
        extra=f", {extra}" if extra else "",
        where=where.format(i=i, h=h),
        order=order.format(i=i, h=h),
    )


def _instance_rows(
    *, where: str, order: str, params: list, streaks_of: str = "", extra: str = ""
) -> list[tuple]:
    return server_bound_rows(_instance_rows_statement(where, order, streaks_of, extra), params)


# Per row, the first moment the sweep may move one of its habit's open instances of the last
# OPEN_DAYS_BACK days (stats.freshness.next_sweep_at: a scheduled one at its time, a pending one
# at its fix deadline), NULL when none is open: what the row's status and streak can change at
# without a write. Correlated with the row's habit h, so a range probe into (habit, date) whatever
# plan the statement is prepared with (a user-wide form was planned as a scan of all habits).
_OPEN_UNTIL = """(
    SELECT MIN(CASE WHEN {o[status]} = '{scheduled}' THEN {o[scheduled_at]}
                    ELSE {o[fix_deadline]} END)
    FROM {o[table]} o
    WHERE {o[habit]} = {h[pk]} AND {o[date]} >= %s AND {o[status]} IN ({open})
)"""


@functools.cache
def _open_until() -> str:
    return _OPEN_UNTIL.format(
        o=_Names(HabitInstance, "o"),
        h=_Names(Habit, "h"),
        scheduled=InstanceStatus.SCHEDULED,
        open=_literals(OPEN_STATUSES),
    )


def _moment(value) -> datetime | None:
    """A datetime computed by an expression: SQLite answers it as the stored UTC text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def instance_rows_of_day(*, user_id: int, day: date) -> tuple[list[tuple], datetime | None]:
    """The user's instances due on `day` (their today) of their active, unarchived habits, by
    time (/instances/today/): one probe per habit into the unique (habit, date) index. And, read
    in the same statement (one snapshot), the first moment the sweep may move an open instance of
    these habits (`_OPEN_UNTIL`; None when none is open, or there are no rows)."""
    rows = _instance_rows(
        where="{h[user]} = %s AND {h[is_active]} AND NOT {h[is_archived]} AND {i[date]} = %s",
        order="{i[scheduled_at]}, {i[pk]}",
        params=[week_start(day), day - timedelta(days=OPEN_DAYS_BACK), user_id, day],
        extra=_open_until(),
    )
    moments = [_moment(row[-1]) for row in rows if row[-1] is not None]
    return [row[:-1] for row in rows], min(moments, default=None)


def instance_rows_in_range(
    *, user_id: int, date_from: date, date_to: date, habit_ids: list[int] | None, this_week: date
) -> list[tuple]:
    """The user's instances dated `date_from`…`date_to` (/instances/), by date and time: of the
    habits `habit_ids` (archived ones too; ids not the user's find nothing), or else of all their
    unarchived habits. One range probe per habit into the unique (habit, date) index, and each
    habit's streak computed once."""
    if habit_ids is None:
        habits, habit_params = "{h[user]} = %s AND NOT {h[is_archived]}", [user_id]
    else:
        # One placeholder per id (SQLite has no arrays); the statement is cached per count.
        habits = f"{{h[user]}} = %s AND {{h[pk]}} IN ({', '.join(['%s'] * len(habit_ids))})"
        habit_params = [user_id, *habit_ids]
    return _instance_rows(
        where="{i[date]} >= %s AND {i[date]} <= %s AND " + habits,
        order="{i[date]}, {i[scheduled_at]}, {i[pk]}",
        params=[this_week, *habit_params, date_from, date_to, *habit_params],
        streaks_of=habits,
    )


def instance_rows_by_id(*, instance_id: int, this_week: date) -> list[tuple]:
    """One instance's row (the answer of a mark; the caller checked the owner, whose current
    week starts on `this_week`)."""
    return _instance_rows(where="{i[pk]} = %s", order="{i[pk]}", params=[this_week, instance_id])


_COMPLETE = """
UPDATE {i[table]} SET {c[status]} = CASE WHEN {c[grace_deadline]} >= %s THEN %s ELSE %s END,
    {c[completed_at]} = %s, {c[updated_at]} = %s
WHERE {c[pk]} = %s AND {c[status]} IN ({sources}) AND {c[fix_deadline]} >= %s
  AND {c[habit]} IN (SELECT {h[pk]} FROM {h[table]} h WHERE {h[user]} = %s)
RETURNING {columns}, (
    SELECT {h[repeat_limit]} FROM {h[table]} h WHERE {h[pk]} = {i[table]}.{c[habit]}
      AND {h[formed_at]} IS NULL
) AS unformed_repeat_limit
"""


def complete_owned(
    *, user_id: int, instance_id: int, sources: list[str], now: datetime
) -> HabitInstance | None:
    """The completion's compare-and-set with the owner check in the same statement: the instance
    as it now is, or None when nothing changed (not the user's, missing, final, or the fix window
    closed). The row says, as `unformed_repeat_limit`, the habit's repeat_limit while the habit is
    not formed yet (NULL once it is)."""
    statement = _COMPLETE.format(
        i=_Names(HabitInstance),
        c=_Names(HabitInstance),
        h=_Names(Habit, "h"),
        sources=", ".join(["%s"] * len(sources)),
        columns=", ".join(
            connection.ops.quote_name(field.column) for field in HabitInstance._meta.concrete_fields
        ),
    )
    moment = connection.ops.adapt_datetimefield_value(now)  # SQLite stores naive UTC text
    params = [
        moment,
        InstanceStatus.COMPLETED,
        InstanceStatus.COMPLETED_LATE,
        moment,
        moment,
        instance_id,
        *sources,
        moment,
        user_id,
    ]
    # raw(): the returned columns go through the model fields' converters (SQLite's text dates).
    return next(iter(HabitInstance.objects.raw(statement, params)), None)
