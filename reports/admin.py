from django.contrib import admin

from reports.models import ReportJob, ReportSettings, WeeklySummary


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    # no `result`: it holds the user's moods (sensitive, docs/journal.md)
    list_display = ["id", "user", "date_from", "date_to", "status", "created_at", "finished_at"]
    list_filter = ["status"]
    fields = ["user", "date_from", "date_to", "status", "error_code", "created_at", "finished_at"]
    readonly_fields = fields
    raw_id_fields = ["user"]


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "weekly_summary_weekday", "updated_at"]
    raw_id_fields = ["user"]


@admin.register(WeeklySummary)
class WeeklySummaryAdmin(admin.ModelAdmin):
    # no `content`: it holds the user's mood
    list_display = ["user", "week_start", "week_end", "created_at"]
    fields = ["user", "week_start", "week_end", "created_at"]
    readonly_fields = fields
