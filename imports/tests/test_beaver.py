"""The Beaver Habit Tracker JSON fixture (imports/tests/files.py)."""

import datetime as dt

from habit_instances.models import HabitInstance
from habits.models import Habit
from imports.tests.files import BEAVER_FIXTURE, beaver_json


def test_the_beaver_fixture_imports_done_days_and_frequencies(upload, user):
    response, job = upload(beaver_json(BEAVER_FIXTURE), "beaverhabits.json")
    assert response.status_code == 202, response.content
    assert job["status"] == "succeeded" and job["source"] == "beaver"
    habits = {h.name: h for h in Habit.objects.filter(user=user)}
    assert sorted(habits) == ["Read", "Run", "Stretch"]
    read = habits["Read"]
    rows = HabitInstance.objects.filter(habit=read, date__lt=dt.date(2026, 6, 1)).order_by("date")
    # a record with done false is a tick taken back, not a miss
    assert [(r.date, r.status, r.note) for r in rows] == [
        (dt.date(2026, 2, 1), "completed", ""),
        (dt.date(2026, 2, 2), "completed", "chapter 4"),
    ]
    assert (read.schedule, read.periodicity_days, read.start_date) == (
        "every_n_days",
        1,
        dt.date(2026, 2, 1),
    )
    run = habits["Run"]
    assert (run.schedule, run.times_per_week, run.is_archived) == ("times_per_week", 2, True)
    stretch = habits["Stretch"]
    assert (stretch.schedule, stretch.periodicity_days) == ("every_n_days", 7)
    assert job["report"]["adjusted"] == [
        {"habit": "Stretch", "from": "4 times in 30 days", "to": "every 7 days"}
    ]
    assert job["report"]["skipped"] == [
        {"item": "Old habit", "reason": "In Beaver's bin (deleted there)."}
    ]
