"""The outbox's SQL, private to notifications: set-based statements whose number does not grow
with the batch (a sweep hands over 100,000 reminders inside its own transaction).

Table and column names come from the models' _meta. Every batch travels as ONE text parameter
(an array literal or a JSON document) through Django's ordinary cursor: Django's psycopg cursor
binds parameters on the client, where a list is quoted element by element in Python and a
string in one call. One parameter also stays far under SQLite's limit on placeholders, so both
databases run the same statements.
"""

import json
from datetime import datetime

from django.db import connection
from django.db.models import Expression, QuerySet
from django.db.models.expressions import RawSQL

from notifications.models import Delivery, Notification

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


def _moment(value: datetime):
    """A datetime as the database stores it (SQLite: UTC text), for values inside JSON."""
    if _postgresql():
        return value.isoformat()
    return connection.ops.adapt_datetimefield_value(value)


def _returning(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _from_json(fields: dict[str, str], *, then: str) -> str:
    """`SELECT <fields>, <then> FROM <a JSON array of objects>`: one row per object, `fields`
    its keys and their PostgreSQL types (SQLite stores what json_extract answers: a nested
    object as its JSON text, as its JSONField does). The JSON is the parameter after `then`'s."""
    if _postgresql():
        names = ", ".join(f"r.{key}" for key in fields)
        types = ", ".join(f"{key} {kind}" for key, kind in fields.items())
        return f"SELECT {names}, {then} FROM json_to_recordset(%s::json) AS r({types})"
    names = ", ".join(f"json_extract(value, '$.{key}')" for key in fields)
    return f"SELECT {names}, {then} FROM json_each(%s)"


def ids_subquery(ids) -> RawSQL:
    """`pk__in=ids_subquery(ids)`: the ids as one parameter instead of one placeholder each."""
    listed = ",".join(str(int(pk)) for pk in ids)
    if _postgresql():
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + listed + "}",))
    return RawSQL("SELECT value FROM json_each(%s)", ("[" + listed + "]",))


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
    document = json.dumps(
        [
            {"u": user_id, "k": kind, "t": title, "b": body, "p": payload, "d": dedupe_key}
            for user_id, kind, title, body, payload, dedupe_key in rows
        ]
    )
    fields = {"u": "bigint", "k": "text", "t": "text", "b": "text", "p": "jsonb", "d": "text"}
    sql = _notifications_insert_sql(_from_json(fields, then="%s"))
    return sorted(_returning(sql, [connection.ops.adapt_datetimefield_value(now), document]))


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
    document = json.dumps([{"n": n, "c": c, "b": _moment(b)} for n, c, b in planned])
    fields = ["notification", "channel", "not_before", "status", "attempts", "last_error"]
    select = _from_json({"n": "bigint", "c": "text", "b": "timestamptz"}, then="%s, 0, '', %s")
    sql = (
        f"INSERT INTO {_table(Delivery)} ({_columns(Delivery, [*fields, 'created_at'])}) "
        f"{select} RETURNING {_columns(Delivery, ['id', 'notification', 'channel'])}"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    return _returning(sql, [Delivery.Status.PENDING.value, at, document])


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
