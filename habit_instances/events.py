"""The transitions that reach the user, one named function per kind.

Each is called inside the transaction that made the change, so subscribers (the notification
outbox) write their rows in that same transaction. Callers never call core.events directly.
"""

from datetime import datetime

from core.events import event, publish

INSTANCE_PENDING = event("habit_instance.pending")
INSTANCE_GRACE_PASSED = event("habit_instance.grace_passed")
HABIT_FORMED = event("habit.formed")


def announce_instances_pending(*, instance_ids: list[int], now: datetime) -> None:
    """Instances that just moved scheduled -> pending at `now`: their time has come (the
    reminder)."""
    if instance_ids:
        publish(INSTANCE_PENDING, instance_ids=list(instance_ids), now=now)


def announce_grace_passed(*, instance_ids: list[int], now: datetime) -> None:
    """Open instances whose grace deadline had passed by `now` (each announced once)."""
    if instance_ids:
        publish(INSTANCE_GRACE_PASSED, instance_ids=list(instance_ids), now=now)


def announce_habit_formed(*, habit_id: int, now: datetime) -> None:
    """The completion at `now` that made a habit's completions reach its repeat_limit (once per
    habit)."""
    publish(HABIT_FORMED, habit_id=habit_id, now=now)
