"""Statements the ORM does not write well, run the way each database takes them best.

Ids bound as one parameter, for filters over batches of any size: Django's psycopg cursor binds
on the client and would quote a list element by element in Python, and SQLite caps the number of
placeholders. PostgreSQL gets one array literal, SQLite one JSON list.

Rows of a statement bound on the server (`server_bound_rows`): batches of rows as arrays, and the
hot read statements of the lists, which PostgreSQL then keeps prepared per connection."""

from django.db import connection
from django.db.models import BooleanField, Expression, F, Func
from django.db.models.expressions import RawSQL


def _listed(ids) -> str:
    return ",".join(str(int(pk)) for pk in ids)


def ids_subquery(ids) -> RawSQL:
    """`user_id__in=ids_subquery(ids)`: the ids as one parameter instead of one placeholder
    each, for a filter written by another app (a channel's reach)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + _listed(ids) + "}",))
    return RawSQL("SELECT value FROM json_each(%s)", ("[" + _listed(ids) + "]",))


class _AmongIds(Func):
    """`<field> = ANY(<the ids as one array literal>)` on PostgreSQL, which it matches with a
    hash of the array, where `IN (SELECT unnest(…))` costs a semi-join (twice the time for a
    sweep's 100,000 ids); SQLite: `IN (SELECT value FROM json_each(…))`."""

    output_field = BooleanField()

    def __init__(self, field: str, ids):
        super().__init__(F(field))
        self.listed = _listed(ids)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s::bigint[])", [*params, "{" + self.listed + "}"]
        return f"{column} IN (SELECT value FROM json_each(%s))", [*params, f"[{self.listed}]"]


def among_ids(field: str, ids) -> Expression:
    """A filter: `queryset.filter(among_ids("pk", ids))`, the ids bound as one parameter."""
    return _AmongIds(field, ids)


def server_bound_rows(sql: str, params) -> list[tuple]:
    """The rows of one statement. PostgreSQL: its parameters bound on the server, so a batch of
    values goes as arrays (Django's cursor would quote each element in Python) and, on a direct
    connection, psycopg prepares a statement the connection has run 5 times (the settings'
    `prepare_threshold`): planning was half the database's part of /today/ (docs/performance.md,
    issue 11 fourth pass). Behind a pooler in transaction mode the threshold is unset and every
    statement goes unnamed, which the pooler can carry. SQLite: Django's own cursor.

    The only private Django API in the app: `_prepare_cursor` wraps the cursor as Django wraps
    its own (query logging, execute wrappers, so django_assert_num_queries counts it), which
    Django offers no public way to do for a cursor of another class; OPTIONS
    server_side_binding would switch every query of the process. If an upgrade changes it, the
    query-count tests fail first. Imported here: the PostgreSQL backend (and psycopg) stays out
    of a SQLite process."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    cursor = ServerBindingCursor(connection.connection)
    with connection._prepare_cursor(cursor) as wrapped:
        wrapped.execute(sql, params)
        return wrapped.fetchall()
