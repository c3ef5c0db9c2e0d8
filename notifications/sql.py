"""The outbox's SQL, private to notifications: set-based statements whose number does not grow
with the batch (a sweep hands over 100,000 reminders inside its own transaction).

Table and column names come from the models' _meta. A batch never becomes one placeholder per
value: Django's psycopg cursor binds on the client, quoting a list element by element in
Python, and SQLite caps placeholders. Ids go as one array literal (one JSON array on SQLite:
core.sql);
rows built in Python as server-bound arrays (one JSON document on SQLite: _rows_returning);
rows the database can compute never leave it (notifications_insert_selected).
"""

import json
from datetime import datetime

from django.db import connection
from django.db.models import Expression, QuerySet

from core.sql import server_bound_rows
from notifications.models import CheckinSchedule, Delivery, Notification

# what an INSERT of notifications fills, in this order; created_at is the batch's `now`
NOTIFICATION_FIELDS = ("user", "kind", "title", "body", "payload", "dedupe_key")


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def _name(value: str) -> str:
    return connection.ops.quote_name(value)


def _table(model) -> str:
    return _name(model._meta.db_table)


def _column(model, field: str) -> str:
    return _name(model._meta.get_field(field).column)


def _columns(model, fields) -> str:
    return ", ".join(_column(model, field) for field in fields)


def _returning(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _rows_returning(
    statement: str, *, columns: dict[str, str], rows: list[tuple], then: list
) -> list[tuple]:
    """Runs `statement`, whose `{rows}` is replaced by `SELECT <columns>, <then's placeholders>
    FROM <rows>` (`columns`: a name and PostgreSQL type for each value of a row), and answers
    its rows; the selected values are named as in `columns` (a statement may join them as a
    table). PostgreSQL: one array per column, server-bound. SQLite: one JSON document,
    json_each; a payload dict is stored as its JSON text, as SQLite's JSONField does."""
    extra = "".join(", %s" for _ in then)
    if _postgresql():
        arrays = ", ".join(
            f"%b::{'text' if kind == 'jsonb' else kind}[]" for kind in columns.values()
        )
        names = ", ".join(
            f"r.{name}::jsonb" if kind == "jsonb" else f"r.{name}" for name, kind in columns.items()
        )
        select = f"SELECT {names}{extra} FROM unnest({arrays}) AS r({', '.join(columns)})"
        values = [
            [json.dumps(value) if kind == "jsonb" else value for value in column]
            for kind, column in zip(columns.values(), zip(*rows, strict=True), strict=True)
        ]
        return server_bound_rows(statement.format(rows=select), [*then, *values])
    adapt = connection.ops.adapt_datetimefield_value
    document = json.dumps(
        [
            {
                name: adapt(value) if kind == "timestamptz" else value
                for (name, kind), value in zip(columns.items(), row, strict=True)
            }
            for row in rows
        ]
    )
    names = ", ".join(f"json_extract(value, '$.{name}') AS {name}" for name in columns)
    select = f"SELECT {names}{extra} FROM json_each(%s)"
    return _returning(statement.format(rows=select), [*then, document])


def _notifications_insert_sql(select: str) -> str:
    """INSERT … <select> ON CONFLICT (user, dedupe_key) DO NOTHING RETURNING id, user: the
    unique constraint decides which causes are new, and RETURNING names the rows written.
    (`WHERE true`: SQLite cannot otherwise tell an upsert's ON from a join's.)"""
    conflict = _columns(Notification, ["user", "dedupe_key"])
    return (
        f"INSERT INTO {_table(Notification)} "
        f"({_columns(Notification, [*NOTIFICATION_FIELDS, 'created_at'])}) "
        f"{select} WHERE true ON CONFLICT ({conflict}) DO NOTHING "
        f"RETURNING {_columns(Notification, ['id', 'user'])}"
    )


def notifications_insert(*, rows: list[tuple], now: datetime) -> list[tuple[int, int]]:
    """Writes (user id, kind, title, body, payload dict, dedupe key) rows created at `now`;
    answers (id, user id) of those written, in id order."""
    columns = {"u": "bigint", "k": "text", "t": "text", "b": "text", "p": "jsonb", "d": "text"}
    statement = _notifications_insert_sql("{rows}")
    at = connection.ops.adapt_datetimefield_value(now)
    return sorted(_rows_returning(statement, columns=columns, rows=rows, then=[at]))


def notifications_insert_selected(
    *, source: QuerySet, values: dict[str, Expression], now: datetime
) -> list[tuple[int, int]]:
    """Writes one notification per row of `source`, its fields (NOTIFICATION_FIELDS) computed
    by the database from `values`: INSERT … SELECT, so the rows never travel to Python and
    back. Answers (id, user id) of those written, in id order."""
    if set(values) != set(NOTIFICATION_FIELDS):
        raise ValueError(f"values must give exactly {NOTIFICATION_FIELDS}")
    selected = source.order_by().values(**{f"new_{field}": values[field] for field in values})
    inner, params = selected.query.sql_with_params()
    picked = ", ".join(f"s.{_name(f'new_{field}')}" for field in NOTIFICATION_FIELDS)
    sql = _notifications_insert_sql(f"SELECT {picked}, %s FROM ({inner}) AS s")
    return sorted(_returning(sql, [connection.ops.adapt_datetimefield_value(now), *params]))


def deliveries_insert(
    *, planned: list[tuple[int, str, datetime]], now: datetime
) -> list[tuple[int, int, str]]:
    """One pending delivery per (notification id, channel, not before), created at `now`;
    answers (delivery id, notification id, channel) of each."""
    if not planned:
        return []
    fields = ["notification", "channel", "not_before", "status", "attempts", "last_error"]
    statement = (
        f"INSERT INTO {_table(Delivery)} ({_columns(Delivery, [*fields, 'created_at'])}) "
        "{rows} "
        f"RETURNING {_columns(Delivery, ['id', 'notification', 'channel'])}"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    return _rows_returning(
        statement,
        columns={"n": "bigint", "c": "text", "b": "timestamptz"},
        rows=planned,
        then=[Delivery.Status.PENDING.value, 0, "", at],
    )


def deliveries_claim(*, delivery_ids: list[int], channel: str, now: datetime) -> list[int]:
    """pending -> sending for those of `delivery_ids` (a sender's batch: tens) that are due, in
    one conditional UPDATE … RETURNING (Django's update() cannot say which rows it changed):
    answers the ids won, in order."""
    table, at = _table(Delivery), connection.ops.adapt_datetimefield_value(now)
    pk, status, claimed_at, attempts = (
        _column(Delivery, field) for field in ("id", "status", "claimed_at", "attempts")
    )
    ids = sorted({int(delivery_id) for delivery_id in delivery_ids})
    due = (
        f"{pk} IN ({', '.join(['%s'] * len(ids))}) "
        f"AND {_column(Delivery, 'channel')} = %s AND {status} = %s "
        f"AND {_column(Delivery, 'not_before')} <= %s"
    )
    due_params = [*ids, channel, Delivery.Status.PENDING.value, at]
    if connection.features.has_select_for_update_skip_locked:
        # PostgreSQL: rows another claimer is locking are skipped, not waited for, and locks
        # are taken in id order: a race over a batch can neither block nor deadlock. SQLite has
        # one writer at a time: the plain conditional UPDATE is the whole story there.
        due = f"{pk} IN (SELECT {pk} FROM {table} WHERE {due} ORDER BY {pk} FOR UPDATE SKIP LOCKED)"
    sql = (
        f"UPDATE {table} SET {status} = %s, {claimed_at} = %s, {attempts} = {attempts} + 1 "
        f"WHERE {due} RETURNING {pk}"
    )
    found = _returning(sql, [Delivery.Status.SENDING.value, at, *due_params])
    return sorted(delivery_id for (delivery_id,) in found)


def checkin_slots_advance(*, moves: list[tuple[int, datetime, datetime | None]]) -> list[int]:
    """Moves each schedule (pk, the slot it was found at, its following slot) to its following
    slot, if it is still at the slot it was found at: the compare-and-set of a whole batch in
    one UPDATE … FROM. Answers the pks moved, in order (a concurrent run moved the others)."""
    if not moves:
        return []
    table = _table(CheckinSchedule)
    pk, slot = _column(CheckinSchedule, "id"), _column(CheckinSchedule, "next_checkin_at")
    statement = (
        f"UPDATE {table} SET {slot} = m.f "
        "FROM ({rows}) AS m "
        f"WHERE {table}.{pk} = m.p AND {table}.{slot} = m.s RETURNING {table}.{pk}"
    )
    columns = {"p": "bigint", "s": "timestamptz", "f": "timestamptz"}
    moved = _rows_returning(statement, columns=columns, rows=moves, then=[])
    return sorted(moved_pk for (moved_pk,) in moved)
