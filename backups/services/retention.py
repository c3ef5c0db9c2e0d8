"""Which backups the retention rule keeps: the newest of each of the last BACKUP_KEEP_DAILY days
that have a backup, and the newest of each of the last BACKUP_KEEP_WEEKLY ISO weeks (UTC)."""

from datetime import datetime


def backups_to_keep(created: dict[str, datetime], *, keep_daily: int, keep_weekly: int) -> set[str]:
    newest_first = sorted(created, key=lambda name: created[name], reverse=True)
    kept: set[str] = set(newest_first[:1])  # the newest always survives, whatever the settings
    days: set = set()
    weeks: set = set()
    for name in newest_first:
        day = created[name].date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            kept.add(name)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            kept.add(name)
    return kept
