from django.contrib import admin

from habit_instances.changes import instances_changed
from habit_instances.models import HabitInstance
from habits.admin import OwnedRowsAdmin


@admin.register(HabitInstance)
class HabitInstanceAdmin(OwnedRowsAdmin):
    list_display = ["habit", "date", "status", "scheduled_at", "fix_deadline", "completed_at"]
    list_filter = ["status", "recorded_late", "date"]
    search_fields = ["habit__name", "habit__user__email"]
    list_select_related = ["habit", "habit__user"]
    raw_id_fields = ["habit"]
    date_hierarchy = "date"

    def rows_changed(self, queryset) -> None:
        """The owners' kept lists and the habits' cached stats (habit_instances.changes)."""
        pairs = list(queryset.values_list("habit__user_id", "habit_id"))
        instances_changed(user_ids={u for u, _ in pairs}, habit_ids={h for _, h in pairs})

    # Deadlines are history: derived from the habit when the instance was made, never edited.
    readonly_fields = [
        "scheduled_at",
        "grace_deadline",
        "fix_deadline",
        "completed_at",
        "grace_announced_at",
        "recorded_late",
        "created_at",
        "updated_at",
    ]
