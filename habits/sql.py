"""The raw SQL of habits, private to the app: only where a budget needs it.

`HabitRows` reads one user's habit list (`GET /api/habits/`) as plain rows: the ORM spent more
time compiling the query and building two model objects per row than the database spent
answering. The rule it must keep — which habits, in which order — is the selector's
(habits.selectors.habit_list_for_user, the view's filters and ordering); tests compare the two.
The same statement brings the columns `next_due_date` is computed from (habits.extras: a
provider registered by habit_instances), so a page is one query.
Table and column names come from the models' _meta, never written out here.
"""

import functools
from collections import namedtuple
from datetime import datetime

from django.db import connection

from core.models import is_storable_id
from core.sql import server_bound_rows
from habits.extras import NextDueOfRow
from habits.models import EDITABLE_FIELDS, STATE_FIELDS, Habit

# The list's columns, in the order habits.serializers.habit_rows_data reads them: the editable
# fields with the related habit's name right after the related habit.
_RELATED_AT = EDITABLE_FIELDS.index("related_pleasant_habit") + 1
LIST_FIELDS = ("pk", *EDITABLE_FIELDS[:_RELATED_AT])
LIST_FIELDS_AFTER_RELATED_NAME = (
    *EDITABLE_FIELDS[_RELATED_AT:],
    *STATE_FIELDS,
    "created_at",
    "updated_at",
)
# A row read by attribute, as the next due date's rule reads a habit (`row.start_date`).
HabitRow = namedtuple(
    "HabitRow", [*LIST_FIELDS, "related_pleasant_habit_name", *LIST_FIELDS_AFTER_RELATED_NAME]
)


def _column(alias: str, field: str) -> str:
    meta = Habit._meta
    column = (meta.pk if field == "pk" else meta.get_field(field)).column
    return f"{alias}.{connection.ops.quote_name(column)}"


@functools.cache
def _statement(
    filters: tuple[str, ...], ordering: tuple[str, ...], *, count: bool, extra_columns: str = ""
) -> str:
    """Built once per process for each combination of filters and ordering."""
    table = connection.ops.quote_name(Habit._meta.db_table)
    where = " AND ".join(
        [f"{_column('h', 'user')} = %s", *(f"{_column('h', name)} = %s" for name in filters)]
    )
    if count:
        return f"SELECT COUNT(*) FROM {table} h WHERE {where}"
    columns = ", ".join(
        [
            *(_column("h", field) for field in LIST_FIELDS),
            _column("r", "name"),
            *(_column("h", field) for field in LIST_FIELDS_AFTER_RELATED_NAME),
            *([extra_columns] if extra_columns else []),
        ]
    )
    order = ", ".join(
        f"{_column('h', term.lstrip('-'))} {'DESC' if term.startswith('-') else 'ASC'}"
        for term in ordering
    )
    return (
        f"SELECT {columns} FROM {table} h "
        f"LEFT JOIN {table} r ON {_column('r', 'pk')} = {_column('h', 'related_pleasant_habit')} "
        f"WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
    )


class HabitRows:
    """One user's habits, filtered by exact field values and ordered by field names (`-name`
    descending), read a window at a time: what a paginator needs (a slice, `count()`). Each row
    is the list's columns (HabitRow) followed by the habit's next due date, computed by
    `next_due` from the row and the values of `extra_columns` (SQL over the habit row `h`
    with `extra_params`, read by the same statement). `changes_at`: the first moment a next due
    date read so far may change without any write (None: none before the day ends)."""

    def __init__(
        self,
        *,
        user_id: int,
        filters: dict[str, object],
        ordering: list[str],
        extra_columns: str = "",
        extra_params: list | None = None,
        next_due: NextDueOfRow | None = None,
    ):
        self.user_id = user_id
        self.filters = tuple(sorted(filters))
        self.values = [filters[name] for name in self.filters]
        self.ordering = tuple(ordering)
        self.extra_columns = extra_columns
        self.extra_params = extra_params or []
        self.next_due = next_due
        self.changes_at: datetime | None = None

    def __getitem__(self, window: slice) -> list[tuple]:
        start = window.start or 0
        statement = _statement(
            self.filters, self.ordering, count=False, extra_columns=self.extra_columns
        )
        params = [*self.extra_params, self.user_id, *self.values, window.stop - start, start]
        rows = server_bound_rows(statement, params)
        width, next_due = len(HabitRow._fields), self.next_due
        if next_due is None:
            return [(*row[:width], None) for row in rows]
        read = []
        for row in rows:
            due, changes_at = next_due(HabitRow._make(row[:width]), row[width:])
            if changes_at is not None and (self.changes_at is None or changes_at < self.changes_at):
                self.changes_at = changes_at
            read.append((*row[:width], due))
        return read

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                _statement(self.filters, self.ordering, count=True), [self.user_id, *self.values]
            )
            return cursor.fetchone()[0]


@functools.cache
def _owned_habit_statement() -> str:
    table = connection.ops.quote_name(Habit._meta.db_table)
    return (
        f"SELECT * FROM {table} h WHERE {_column('h', 'pk')} = %s AND {_column('h', 'user')} = %s"
    )


def habit_of_user(*, user_id: int, habit_id: int) -> Habit | None:
    """The habit if it is this user's, as a model object without its relations, read by a raw
    statement (the ORM's compilation cost four times the database's answer on the warm stats
    path). An id past the database's integer range is simply no habit."""
    if not is_storable_id(habit_id):
        return None
    return next(iter(Habit.objects.raw(_owned_habit_statement(), [habit_id, user_id])), None)
