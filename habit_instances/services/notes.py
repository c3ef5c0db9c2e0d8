"""The owner's note on a check-in (any of their instances, open or marked, today or past)."""

from datetime import datetime

from core.exceptions import NotFound
from habit_instances.models import HabitInstance


def habit_instance_note_set(*, user, instance_id, note: str, now: datetime) -> HabitInstance:
    """One UPDATE with the owner in its condition: another user's instance changes nothing and
    is a 404, like a missing one. The note changes no status, streak or stat."""
    changed = HabitInstance.objects.filter(pk=instance_id, habit__user=user).update(
        note=note, updated_at=now
    )
    if not changed:
        raise NotFound("Habit instance not found.")
    return HabitInstance(pk=instance_id, note=note)
