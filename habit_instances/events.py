"""The transitions that reach the user, one named function per kind.

Each is called inside the transaction that made the change, so subscribers (the notification
outbox) write their rows in that same transaction. Callers never call core.events directly.
"""

from datetime import date, datetime

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


INSTANCE_MARK_UNDONE = event("habit_instance.mark_undone")


def announce_instance_mark_undone(
    *,
    instance_id: int,
    habit_id: int,
    user_id: int,
    undone_status: str,
    status: str,
    habit_unformed: bool,
    now: datetime,
) -> None:
    """The owner undid the mark `undone_status` of an instance at `now`; it is open again in
    `status` (pending or scheduled). `habit_unformed`: the undone completion was the one that
    formed the habit, and the habit is no longer formed. Subscribers reverse what the mark caused
    (docs/habits.md, "Undo")."""
    publish(
        INSTANCE_MARK_UNDONE,
        instance_id=instance_id,
        habit_id=habit_id,
        user_id=user_id,
        undone_status=undone_status,
        status=status,
        habit_unformed=habit_unformed,
        now=now,
    )


INSTANCE_MARKED = event("habit_instance.marked")


def announce_instance_marked(
    *,
    instance_id: int,
    habit_id: int,
    user_id: int,
    status: str,
    day: date,
    recorded_late: bool,
    now: datetime,
    current_streak: int | None = None,
) -> None:
    """The owner marked an instance `status` (completed, completed_late, missed or skipped) at
    `now`: live from Today, the bot or the web (`recorded_late` False), or afterwards on a past
    `day` (`recorded_late` True, also when a recorded day is corrected). Announced once per
    change that took effect, inside its transaction; the sweep's own expiries are not marks.
    Motivation apps (achievements, coins, posts) subscribe to this one event.
    `current_streak`: the habit's current streak after this mark as of the week of `day`
    (stats.selectors.habit_current_streak_on), when the announcer has read it already; None
    when not (a subscriber that needs it reads it)."""
    publish(
        INSTANCE_MARKED,
        instance_id=instance_id,
        habit_id=habit_id,
        user_id=user_id,
        status=status,
        day=day,
        recorded_late=recorded_late,
        now=now,
        current_streak=current_streak,
    )
