"""A field of the habit output that a higher app computes: `next_due_date` reads the habit's
instances (habit_instances), which habits cannot import. habit_instances registers the one
provider in its AppConfig.ready(), as it subscribes to habits' events."""

from collections.abc import Callable
from datetime import date, datetime

NextDueDates = Callable[..., dict[int, date | None]]
_providers: list[NextDueDates] = []


def register_next_due_dates(provider: NextDueDates) -> None:
    """`provider(*, user, habit_ids, now)` -> habit id -> next due local date or None."""
    _providers[:] = [provider]


def next_due_dates(*, user, habit_ids: list[int], now: datetime) -> dict[int, date | None]:
    """For these habits of `user`, in one query whatever their number."""
    if not habit_ids or not _providers:
        return {}
    return _providers[0](user=user, habit_ids=habit_ids, now=now)
