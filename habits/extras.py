"""A field of the habit output that a higher app computes: `next_due_date` reads the habit's
instances (habit_instances), which habits cannot import. habit_instances registers the one
provider in its AppConfig.ready(), as it subscribes to habits' events.

The provider gives SQL columns over the habit row (today's instance status, the week's done
count) that the list brings in its own statement (habits.sql.HabitRows), so a page is one query
and the field a pure function of the row: per request, the ORM building subqueries cost more
than the database answering them (docs/performance.md, issue 11 third pass).
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

# (the habit row, by attribute; the provider's columns' values) -> the next due date, and the
# moment it may change without any write (today's window closing; None: not before the day ends)
NextDueOfRow = Callable[[object, tuple], tuple[date | None, datetime | None]]


class NextDueProvider(Protocol):
    def columns(self) -> str:
        """SQL expressions over the habit row aliased `h`, comma-separated, with `%s`
        placeholders: appended to the list's SELECT."""

    def for_request(self, *, user, now: datetime) -> tuple[list, NextDueOfRow]:
        """The placeholders' values for `user` at `now`, and the field from a row (with the
        moment it may change without a write)."""

    def dates(self, *, user, habit_ids: list[int], now: datetime) -> dict[int, date | None]:
        """For these habits of `user`, in one query whatever their number."""


_providers: list[NextDueProvider] = []


def register_next_due_provider(provider: NextDueProvider) -> None:
    _providers[:] = [provider]


def next_due_provider() -> NextDueProvider | None:
    return _providers[0] if _providers else None


def next_due_dates(*, user, habit_ids: list[int], now: datetime) -> dict[int, date | None]:
    """For these habits of `user`, in one query whatever their number."""
    if not habit_ids or not _providers:
        return {}
    return _providers[0].dates(user=user, habit_ids=habit_ids, now=now)
