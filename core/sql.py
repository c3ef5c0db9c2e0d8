"""Ids bound as one parameter, for filters over batches of any size: Django's psycopg cursor
binds on the client and would quote a list element by element in Python, and SQLite caps the
number of placeholders. PostgreSQL gets one array literal, SQLite one JSON list."""

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
