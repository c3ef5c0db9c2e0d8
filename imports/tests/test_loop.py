"""The Loop Habit Tracker fixture (imports/tests/files.py) imports exactly."""

import datetime as dt
from zoneinfo import ZoneInfo

from habit_instances.models import HabitInstance
from habits.models import Habit
from imports.tests.files import LOOP_FIXTURE, loop_zip

BERLIN = ZoneInfo("Europe/Berlin")


def _history(habit: Habit) -> list[tuple]:
    return [
        (i.date.isoformat(), i.status, i.note)
        for i in HabitInstance.objects.filter(habit=habit, date__lt=dt.date(2026, 6, 1)).order_by(
            "date"
        )
    ]


def test_the_loop_fixture_imports_habits_dates_and_statuses_exactly(upload, user):
    user.timezone = "Europe/Berlin"
    user.save()
    response, job = upload(loop_zip(LOOP_FIXTURE), "Loop Habits CSV 2026-01-08.zip")
    assert response.status_code == 202, response.content
    assert job["status"] == "succeeded" and job["source"] == "loop" and job["progress"] == 100
    habits = {h.name: h for h in Habit.objects.filter(user=user)}
    assert sorted(habits) == ["Call mom", "Gym", "Meditate"]

    meditate = habits["Meditate"]
    assert (meditate.action, meditate.description) == ("Did you meditate today?", "Ten minutes")
    assert (meditate.schedule, meditate.periodicity_days) == ("every_n_days", 1)
    assert meditate.start_date == dt.date(2026, 1, 1)
    # UNKNOWN is no record at all; YES_MANUAL, NO and SKIP are the day's answer
    assert _history(meditate) == [
        ("2026-01-01", "completed", ""),
        ("2026-01-02", "missed", ""),
        ("2026-01-03", "skipped", ""),
        ("2026-01-04", "completed", "calm"),
    ]
    first = HabitInstance.objects.get(habit=meditate, date=dt.date(2026, 1, 1))
    assert first.scheduled_at == dt.datetime(2026, 1, 1, 9, 0, tzinfo=BERLIN)
    assert first.completed_at == first.scheduled_at

    gym = habits["Gym"]
    assert (gym.schedule, gym.times_per_week) == ("times_per_week", 3)
    # YES_AUTO is Loop filling the days its frequency covers: no check of its own
    assert _history(gym) == [("2026-01-05", "completed", ""), ("2026-01-07", "completed", "")]

    call = habits["Call mom"]
    assert (call.schedule, call.periodicity_days, call.is_archived) == ("every_n_days", 3, True)

    report = job["report"]
    assert report["created"]["habits"] == 3 and report["created"]["check_ins"] == 7
    assert report["adjusted"] == [
        {"habit": "Call mom", "from": "1 times in 4 days", "to": "every 3 days"}
    ]
    assert report["skipped"] == [
        {"item": "Water glasses", "reason": "Measurable (numeric) habits have no counterpart here."}
    ]


def test_loop_1_columns_and_numeric_values_import_alike(upload, user):
    _, job = upload(loop_zip(LOOP_FIXTURE[:2], legacy=True))
    assert job["status"] == "succeeded", job
    meditate = Habit.objects.get(user=user, name="Meditate")
    assert [status for _, status, _ in _history(meditate)] == [
        "completed",
        "missed",
        "skipped",
        "completed",
    ]
    assert Habit.objects.get(user=user, name="Gym").times_per_week == 3


def test_importing_the_same_file_twice_skips_the_habits_already_there(upload, user):
    upload(loop_zip(LOOP_FIXTURE))
    _, job = upload(loop_zip(LOOP_FIXTURE))
    assert job["report"]["created"]["habits"] == 0
    reasons = {item["item"]: item["reason"] for item in job["report"]["skipped"]}
    assert reasons["Meditate"] == "You already have a habit with this name."
    assert Habit.objects.filter(user=user).count() == 3
