from django.contrib import admin

from habits.data_version import habit_data_changed
from habits.models import Habit


class OwnedRowsAdmin(admin.ModelAdmin):
    """An edit or a delete in the admin is a write like a service's: what it makes stale (the
    owners' lists kept whole, habits.data_version) is dropped. `rows_changed` says what."""

    def rows_changed(self, queryset) -> None:
        habit_data_changed(user_ids=queryset.values_list("user_id", flat=True))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.rows_changed(type(obj).objects.filter(pk=obj.pk))

    def delete_model(self, request, obj):
        self.rows_changed(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self.rows_changed(queryset)
        super().delete_queryset(request, queryset)


@admin.register(Habit)
class HabitAdmin(OwnedRowsAdmin):
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
