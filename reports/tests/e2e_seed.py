"""Data for the browser test (frontend/e2e/reports.spec.ts), written through frontend/e2e/
run-task.sh: the journal API is another app's, and past days' statuses come from the clock."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from journal.events import announce_journal_changed
from journal.models import JournalEntry
from reports.services import weekly_summary_write
from users.timezones import local_today

# the last 28 local days, oldest first: "d" done, "m" missed, "s" skipped, "." nothing due
RUN = "dmdmdddmdmddmmddmdmddmdddmdd"
READ = "..d....m....d....m....m....."
# the mood of each of those days (Run's done days are the better ones)
MOODS = "4252455243442245242443544243"


def report_seed(user_id: int) -> str:
    user = get_user_model().objects.get(pk=user_id)
    today = local_today(user=user, now=timezone.now())
    first = today - dt.timedelta(days=len(RUN))
    statuses = {"d": "completed", "m": "missed", "s": "skipped"}
    for name, pattern in (("Run", RUN), ("Read", READ)):
        habit = HabitFactory(user=user, name=name, start_date=first)
        for offset, mark in enumerate(pattern):
            if mark in statuses:
                day = first + dt.timedelta(days=offset)
                HabitInstanceFactory(habit=habit, date=day, status=statuses[mark])
    JournalEntry.objects.bulk_create(
        [
            JournalEntry(
                user=user, date=first + dt.timedelta(days=offset), time=dt.time(21), mood=int(mood)
            )
            for offset, mood in enumerate(MOODS)
        ]
    )
    # a writer announces what it changed, as the journal's own services do: the page has cached
    # the empty report of these days already
    days = [first + dt.timedelta(days=offset) for offset in range(len(MOODS))]
    announce_journal_changed(user_id=user.pk, dates=days, now=timezone.now())
    return "seeded"


def summary_seed(user_id: int) -> str:
    user = get_user_model().objects.get(pk=user_id)
    now = timezone.now()
    week_end = local_today(user=user, now=now) - dt.timedelta(days=1)
    weekly_summary_write(user=user, week_end=week_end, now=now)
    return "summary"
