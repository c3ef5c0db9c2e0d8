"""Operators see the catalogue with how many users earned each (one annotated query) and the
earned rows, read-only: the catalogue is code (achievements_sync) and awards come from events."""

from django.contrib import admin
from django.db.models import Count

from achievements.models import Achievement, UserAchievement


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Achievement)
class AchievementAdmin(_ReadOnlyAdmin):
    list_display = ["name", "code", "tier", "measure", "target", "earn_count", "is_listed"]
    list_filter = ["tier", "is_listed"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(earn_count=Count("earned"))

    @admin.display(description="earned by", ordering="earn_count")
    def earn_count(self, obj):
        return obj.earn_count


@admin.register(UserAchievement)
class UserAchievementAdmin(_ReadOnlyAdmin):
    list_display = ["earned_at", "user", "achievement", "seen_at", "backfilled"]
    list_filter = ["achievement__tier", "backfilled", "achievement"]
    search_fields = ["user__email", "achievement__code"]
    list_select_related = ["user", "achievement"]
    date_hierarchy = "earned_at"
