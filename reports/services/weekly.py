"""The weekly summary (docs/reports.md, "Weekly summary"): on the user's chosen local weekday,
from REPORTS_WEEKLY_SUMMARY_HOUR on, the 7 local days that ended yesterday — completions, the
current streaks, the mood and the headline of the report over the last
REPORTS_HEADLINE_DAYS days — kept as a row (the web app's card) and sent through the outbox."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction

from habit_instances.schedule import week_start
from habit_instances.sql import current_streaks
from habits.models import Habit
from notifications.models import Notification
from notifications.services import NotificationRow, notifications_write
from reports.analytics import habits_mood_report
from reports.models import ReportJob, ReportSettings, WeeklySummary
from reports.selectors import report_rows_for_user, report_settings_with_weekday_in
from reports.services.habits_mood import habits_mood_report_compute
from users.timezones import user_zone

STREAKS_SHOWN = 3


def report_settings_update(*, user, weekly_summary_weekday: int | None, now: datetime):
    row, _ = ReportSettings.objects.update_or_create(
        user=user,
        defaults={"weekly_summary_weekday": weekly_summary_weekday, "updated_at": now},
    )
    return row


def _summary_content(*, user, week_end: date, now: datetime) -> dict:
    first = week_end - timedelta(days=6)
    names, instances, entries, _ = report_rows_for_user(
        user_id=user.pk, date_from=first, date_to=week_end
    )
    week = habits_mood_report(
        date_from=first, date_to=week_end, habit_names=names, instances=instances, entries=entries
    )
    completions = sum(h["completions"] for h in week["habits"])
    due = sum(h["due"] for h in week["habits"])
    habits = list(Habit.objects.filter(user=user, is_active=True).values_list("pk", "name"))
    streaks = (
        current_streaks(habit_ids=[pk for pk, _ in habits], this_week=week_start(week_end))
        if habits
        else {}
    )
    longest = sorted(
        ((name, streaks.get(pk, 0), pk) for pk, name in habits if streaks.get(pk, 0) > 0),
        key=lambda row: (-row[1], row[2]),
    )[:STREAKS_SHOWN]
    headline_from = week_end - timedelta(days=settings.REPORTS_HEADLINE_DAYS - 1)
    report = habits_mood_report_compute(
        user_id=user.pk, date_from=headline_from, date_to=week_end, now=now
    )
    return {
        "week_start": first.isoformat(),
        "week_end": week_end.isoformat(),
        "completions": completions,
        "due": due,
        "completion_rate": round(completions / due, 4) if due else None,
        "streaks": [
            {"habit_id": pk, "name": name, "current_streak": streak} for name, streak, pk in longest
        ],
        "mood": week["mood"],
        "mood_days": week["mood_days"],
        "headline": report["headline"],
    }


def _summary_text(content: dict) -> str:
    lines = []
    if content["due"]:
        lines.append(
            f"Done {content['completions']} of {content['due']} "
            f"({round(content['completion_rate'] * 100)}%)."
        )
    else:
        lines.append("Nothing was due this week.")
    if content["streaks"]:
        lines.append(
            "Streaks: "
            + ", ".join(f"{s['name']} {s['current_streak']}" for s in content["streaks"])
            + "."
        )
    if content["mood"] is not None:
        lines.append(f"Mood {content['mood']:.1f} / 5 over {content['mood_days']} days.")
    lines.append(content["headline"] or "Too little data yet for a habits-and-mood insight.")
    return "\n".join(lines)


@transaction.atomic
def weekly_summary_write(*, user, week_end: date, now: datetime) -> WeeklySummary | None:
    """The summary of the week ending `week_end` and its notification, once: None when it was
    written already (the unique (user, week_end) and the notification's dedupe key)."""
    if WeeklySummary.objects.filter(user=user, week_end=week_end).exists():
        return None
    content = _summary_content(user=user, week_end=week_end, now=now)
    summary, created = WeeklySummary.objects.get_or_create(
        user=user,
        week_end=week_end,
        defaults={
            "week_start": week_end - timedelta(days=6),
            "content": content,
            "created_at": now,
        },
    )
    if not created:
        return None
    notifications_write(
        rows=[
            NotificationRow(
                user_id=user.pk,
                kind=Notification.Kind.WEEKLY_SUMMARY,
                title=f"📅 Your week to {week_end:%a %d %b}",
                body=_summary_text(content),
                dedupe_key=f"weekly_summary:{week_end.isoformat()}",
                payload={"weekly_summary_id": summary.pk},
            )
        ],
        now=now,
    )
    return summary


def weekly_summaries_send(*, now: datetime) -> int:
    """Every user whose chosen weekday it is on their own clock, from the summary hour on, gets
    the summary of the 7 days that ended yesterday. Safe to run as often as the beat likes: a
    week is summarised once. Answers how many were written."""
    utc_weekday = now.weekday()
    # somewhere on Earth it is yesterday, today or tomorrow in UTC terms
    candidates = {(utc_weekday + shift) % 7 for shift in (-1, 0, 1)}
    written = 0
    for row in report_settings_with_weekday_in(weekdays=candidates):
        local = now.astimezone(user_zone(row.user))
        if local.weekday() != row.weekly_summary_weekday:
            continue
        if local.hour < settings.REPORTS_WEEKLY_SUMMARY_HOUR:
            continue
        week_end = local.date() - timedelta(days=1)
        if weekly_summary_write(user=row.user, week_end=week_end, now=now) is not None:
            written += 1
    return written


def reports_wipe_for_user(user) -> None:
    ReportJob.objects.filter(user=user).delete()
    WeeklySummary.objects.filter(user=user).delete()
    ReportSettings.objects.filter(user=user).delete()
