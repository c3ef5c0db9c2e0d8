"""What happens to the journal that higher apps act on (the reports' cache, achievements).

Called inside the transaction that made the change, so subscribers write in that same transaction.
Callers never call core.events directly.
"""

from datetime import date, datetime

from core.events import event, publish

JOURNAL_CHANGED = event("journal.changed")


def announce_journal_changed(*, user_id: int, dates: list[date], now: datetime) -> None:
    """Entries of `user_id` on these local dates were created, edited, moved or deleted at `now`
    (an edit that moves an entry names both its old and its new date; an import names them all)."""
    publish(JOURNAL_CHANGED, user_id=user_id, dates=dates, now=now)
