"""Every write on habit instances. Split by sub-domain; import from here."""

from habit_instances.services.generation import (
    habit_instance_sync_today,
    habit_instances_follow_timezone,
    habit_instances_generate_for_user,
    habit_instances_generate_for_users,
    habit_instances_user_ids_with_active_habits,
)
from habit_instances.services.notes import habit_instance_note_set
from habit_instances.services.past_days import habit_day_clear, habit_day_record
from habit_instances.services.sweeps import (
    habit_instances_advance_statuses,
    habit_instances_announce_owed,
    habit_instances_sweep,
)
from habit_instances.services.transitions import (
    habit_instance_mark_completed,
    habit_instance_mark_failed,
    habit_instance_mark_skipped,
    habit_instance_undo,
    habit_skip_limit_check,
    mark_may_be_undone,
)

__all__ = [
    "habit_day_clear",
    "habit_day_record",
    "habit_instance_mark_skipped",
    "habit_instance_note_set",
    "habit_instance_undo",
    "habit_skip_limit_check",
    "mark_may_be_undone",
    "habit_instance_mark_completed",
    "habit_instance_mark_failed",
    "habit_instance_sync_today",
    "habit_instances_follow_timezone",
    "habit_instances_advance_statuses",
    "habit_instances_announce_owed",
    "habit_instances_sweep",
    "habit_instances_generate_for_user",
    "habit_instances_generate_for_users",
    "habit_instances_user_ids_with_active_habits",
]
