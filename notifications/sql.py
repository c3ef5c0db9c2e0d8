"""SQL plumbing of the outbox's bulk paths: ids bound as one parameter, and statements run with
server-side binding on PostgreSQL. Not services: they write nothing by themselves."""

import json

from django.db import connection
from django.db.models.expressions import RawSQL


def ids_subquery(ids) -> RawSQL:
    """`pk__in=ids_subquery(ids)`: the ids as one parameter (a PostgreSQL array, a JSON array on
    SQLite) instead of an IN list with one placeholder per id."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))


def execute(sql: str, params: list) -> list[tuple]:
    """Runs one statement and answers its rows. On PostgreSQL the parameters are bound on the
    server: Django's psycopg cursor binds on the client, quoting each element of a 100,000-row
    array into the SQL text in Python (seconds, measured), where a server-bound one is sent as
    it is."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    # _prepare_cursor wraps it as Django wraps its own (query logging, execute wrappers), so
    # django_assert_num_queries and the debug toolbar still see these statements. It is private
    # Django API: Django has no public way to wrap a cursor of another class, and the
    # alternative (OPTIONS server_side_binding) would switch every query of the process. If a
    # Django upgrade changes it, test_bulk's query counts fail first.
    with connection._prepare_cursor(ServerBindingCursor(connection.connection)) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rows_of(queryset) -> list[tuple]:
    """A values_list() queryset's rows; on PostgreSQL through execute (for querysets with big
    arrays), where psycopg's own loaders already give what Django's converters would."""
    if connection.vendor != "postgresql":
        return list(queryset)
    sql, params = queryset.query.sql_with_params()
    return execute(sql, list(params))


def values_insert(*, head: str, row_sql: str, rows: list[tuple], tail: str) -> list[tuple]:
    """SQLite (>= 3.35 for RETURNING): multi-row VALUES in chunks under its parameter limit."""
    per_chunk = max(1, 999 // max(1, row_sql.count("%s")))
    found = []
    for start in range(0, len(rows), per_chunk):
        chunk = rows[start : start + per_chunk]
        sql = head + ", ".join([row_sql] * len(chunk)) + f" {tail}"
        found += execute(sql, [value for row in chunk for value in row])
    return found
