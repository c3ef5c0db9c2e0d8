"""What happens to accounts that higher apps act on, one named function per kind.

Each is called inside the transaction that made the change, so subscribers (habit_instances
re-times the open instances) write in that same transaction. Callers never call core.events
directly.
"""

from datetime import datetime

from core.events import event, publish

USER_TIMEZONE_CHANGED = event("user.timezone_changed")


def announce_user_timezone_changed(
    *, user_id: int, old_timezone: str, new_timezone: str, now: datetime
) -> None:
    """The user's zone changed at `now` (the row is saved with the new one, the transaction
    open). Announced only when the zone really changed."""
    publish(
        USER_TIMEZONE_CHANGED,
        user_id=user_id,
        old_timezone=old_timezone,
        new_timezone=new_timezone,
        now=now,
    )
