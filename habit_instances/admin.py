from django.contrib import admin

from habit_instances.models import HabitInstance


@admin.register(HabitInstance)
class HabitInstanceAdmin(admin.ModelAdmin):
    list_display = ["habit", "date", "status", "scheduled_at", "fix_deadline", "completed_at"]
    list_filter = ["status", "recorded_late", "date"]
    search_fields = ["habit__name", "habit__user__email"]
    list_select_related = ["habit", "habit__user"]
    raw_id_fields = ["habit"]
    date_hierarchy = "date"
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
