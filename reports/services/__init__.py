"""Every write of the reports: computing and caching a report, the long-range jobs, the weekly
summaries and the settings. Split by sub-domain; import from here."""

from reports.services.habits_mood import (
    habits_mood_report_compute,
    habits_mood_report_get_or_start,
    report_job_run,
    report_range_check,
)
from reports.services.invalidation import (
    on_habit_saved,
    on_instance_mark_undone,
    on_instance_marked,
    on_journal_changed,
)
from reports.services.weekly import (
    report_settings_update,
    reports_wipe_for_user,
    weekly_summaries_send,
    weekly_summary_write,
)

__all__ = [
    "habits_mood_report_compute",
    "habits_mood_report_get_or_start",
    "on_habit_saved",
    "on_instance_mark_undone",
    "on_instance_marked",
    "on_journal_changed",
    "report_job_run",
    "report_range_check",
    "report_settings_update",
    "reports_wipe_for_user",
    "weekly_summaries_send",
    "weekly_summary_write",
]
