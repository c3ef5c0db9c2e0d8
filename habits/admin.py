from django.contrib import admin

from habits.models import Habit


@admin.register(Habit)
class HabitAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "time_of_day",
        "schedule",
        "periodicity_days",
        "is_pleasant",
        "is_active",
        "is_public",
        "is_archived",
    ]
    list_filter = [
        "is_pleasant",
        "is_active",
        "is_public",
        "is_archived",
        "schedule",
        "periodicity_days",
        "repeat_limit",
    ]
    search_fields = ["name", "action", "place", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "related_pleasant_habit"]
    # The pause and the archive are set through their services (habits.services), which keep
    # today's instance in step: shown here, not edited.
    readonly_fields = [
        "paused_from",
        "paused_until",
        "is_archived",
        "formed_at",
        "created_at",
        "updated_at",
    ]
