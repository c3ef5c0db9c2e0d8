"""The owner's note on a check-in (any of their instances, open or marked, today or past)."""

from datetime import datetime

from core.exceptions import NotFound
from habit_instances.models import HabitInstance
from habits.data_version import habit_data_changed


def habit_instance_note_set(*, user, instance_id, note: str | None, now: datetime) -> HabitInstance:
    """One UPDATE with the owner in its condition: another user's instance changes nothing and
    is a 404, like a missing one. The note changes no status, streak or stat (Today shows it).
    `note` None (a PATCH without it) changes nothing."""
    owned = HabitInstance.objects.filter(pk=instance_id, habit__user=user)
    if note is None:
        instance = owned.only("pk", "note").first()
        if instance is None:
            raise NotFound("Habit instance not found.")
        return instance
    if not owned.update(note=note, updated_at=now):
        raise NotFound("Habit instance not found.")
    habit_data_changed(user_ids=[user.pk])
    return HabitInstance(pk=instance_id, note=note)
