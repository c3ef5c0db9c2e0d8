"""Every read of the reports: the rows a report is computed from, and the owner's jobs, settings
and summaries."""

from datetime import date

from django.db.models import QuerySet

from core.ownership import get_owned_or_404
from habit_instances.models import OPEN_STATUSES, HabitInstance
from journal.models import JournalEntry
from reports.analytics import InstanceRow
from reports.models import ReportJob, ReportSettings, WeeklySummary


def report_rows_for_user(*, user_id: int, date_from: date, date_to: date):
    """(habit id -> name, instance rows, (date, mood) rows, the earliest fix deadline among the
    open instances) of the user's local days date_from..date_to: two queries, whatever the range.

    Habits are the ones with an instance in the range, archived or paused ones included: their
    history is part of those days."""
    instances = list(
        HabitInstance.objects.filter(habit__user_id=user_id, date__gte=date_from, date__lte=date_to)
        .order_by()
        .values_list("habit_id", "habit__name", "date", "status", "fix_deadline")
    )
    entries = list(
        JournalEntry.objects.filter(user_id=user_id, date__gte=date_from, date__lte=date_to)
        .order_by()
        .values_list("date", "mood")
    )
    names = {habit_id: name for habit_id, name, *_ in instances}
    rows = [InstanceRow(habit_id, day, status) for habit_id, _, day, status, _ in instances]
    open_deadlines = [deadline for *_, status, deadline in instances if status in OPEN_STATUSES]
    return names, rows, entries, min(open_deadlines, default=None)


def report_job_get_for_user(*, user, job_id) -> ReportJob:
    return get_owned_or_404(ReportJob.objects.all(), user=user, pk=job_id)


def report_job_open_for_range(*, user, date_from: date, date_to: date) -> ReportJob | None:
    """The user's queued or running job over exactly this range, if any: asked again, the same
    range gets the same job."""
    return (
        ReportJob.objects.filter(
            user=user,
            date_from=date_from,
            date_to=date_to,
            status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING],
        )
        .order_by("-created_at")
        .first()
    )


def report_settings_get(*, user) -> ReportSettings:
    """The user's settings; unsaved defaults (summary off) when they never chose."""
    found = ReportSettings.objects.filter(user=user).first()
    return found or ReportSettings(user=user, weekly_summary_weekday=None, updated_at=None)


def weekly_summaries_for_user(*, user) -> QuerySet[WeeklySummary]:
    return WeeklySummary.objects.filter(user=user).order_by("-week_end", "-id")


def report_settings_with_weekday_in(*, weekdays: set[int]) -> QuerySet[ReportSettings]:
    return ReportSettings.objects.filter(
        weekly_summary_weekday__in=sorted(weekdays)
    ).select_related("user")


def reports_export_for_user(user) -> dict:
    settings_row = report_settings_get(user=user)
    return {
        "weekly_summary_weekday": settings_row.weekly_summary_weekday,
        "weekly_summaries": [
            {
                "week_start": s.week_start.isoformat(),
                "week_end": s.week_end.isoformat(),
                "content": s.content,
                "created_at": s.created_at.isoformat(),
            }
            for s in weekly_summaries_for_user(user=user)
        ],
    }
