"""What happens to habits that higher apps act on, one named function per kind.

Each is called inside the transaction that made the change, so subscribers (habit_instances syncs
today's instance and forgets the habit's cached stats) write in that same transaction. Callers
never call core.events directly.
"""

from datetime import datetime

from core.events import event, publish

HABIT_SAVED = event("habit.saved")


def announce_habit_saved(*, habit_id: int, now: datetime) -> None:
    """A habit was created, edited or copied at `now` (its row is saved, the transaction open)."""
    publish(HABIT_SAVED, habit_id=habit_id, now=now)
