"""The hand-computed fixture: two habits and a journal over the two ISO weeks of 2–15 March 2026,
with every number the report must give worked out by hand in test_analytics.py."""

import datetime as dt

from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from journal.models import JournalEntry

FIRST, LAST = dt.date(2026, 3, 2), dt.date(2026, 3, 15)  # a Monday and the Sunday a week later

# day of March -> the moods of its entries (the day's mood is their mean)
MOODS = {
    2: [4, 5],  # 4.5
    3: [2],
    4: [3],
    5: [5],
    6: [1, 2],  # 1.5
    7: [4],
    9: [3],
    10: [2],
    11: [4],
    13: [5],
    15: [1],
}
RUN = {
    2: "completed",
    3: "missed",
    5: "completed_late",
    6: "fix_expired",
    7: "completed",
    8: "completed",  # done, but no entry that day: no mood
    9: "skipped",  # excused: on neither side
    10: "missed",
    12: "fix_expired",  # not done, no mood
    13: "skipped",
    15: "pending",  # open: not decided yet
}
READ = {
    4: "completed",
    9: "missed",
    10: "missed",
    11: "completed_late",
    15: "missed",
}


def march(day: int) -> dt.date:
    return dt.date(2026, 3, day)


def entries_write(user, moods: dict[int, list[int]]) -> None:
    JournalEntry.objects.bulk_create(
        [
            JournalEntry(user=user, date=march(day), time=dt.time(8 + i, 0), mood=mood)
            for day, values in moods.items()
            for i, mood in enumerate(values)
        ]
    )


def instances_write(habit, statuses: dict[int, str]) -> None:
    for day, status in statuses.items():
        HabitInstanceFactory(habit=habit, date=march(day), status=status)


def fixture_write(user, other_user):
    run = HabitFactory(user=user, name="Run", start_date=FIRST)
    read = HabitFactory(user=user, name="Read", start_date=FIRST)
    HabitFactory(user=user, name="Idle", start_date=FIRST)  # nothing in the range: not listed
    instances_write(run, RUN)
    instances_write(read, READ)
    entries_write(user, MOODS)
    entries_write(user, {16: [5], 1: [1]})  # outside the range
    # another user's rows never count
    theirs = HabitFactory(user=other_user, name="Theirs", start_date=FIRST)
    instances_write(theirs, {3: "completed", 4: "missed"})
    entries_write(other_user, {3: [5], 4: [5]})
    return run, read
