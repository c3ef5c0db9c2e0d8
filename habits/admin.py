from django.contrib import admin

from habits.models import Habit


@admin.register(Habit)
class HabitAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "time_of_day",
        "periodicity_days",
        "is_pleasant",
        "is_active",
        "is_public",
    ]
    list_filter = ["is_pleasant", "is_active", "is_public", "periodicity_days", "repeat_limit"]
    search_fields = ["name", "action", "place", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "related_pleasant_habit"]
    readonly_fields = ["formed_at", "created_at", "updated_at"]
