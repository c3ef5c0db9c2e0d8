"""The report's numbers against the hand-computed fixture (reports/tests/fixtures.py).

Run: done with a mood on 2 (4.5), 5 (5), 7 (4): mean 13.5 / 3 = 4.5; not done with a mood on
3 (2), 6 (1.5), 10 (2): mean 5.5 / 3 = 1.8333; difference 2.6667. Done on 8 and not done on 12
have no mood; 9 and 13 are excused, 15 is open. Read: done with a mood on 4 and 11 only (2 days <
3): too little data.
"""

import datetime as dt

import pytest

from reports.services import habits_mood_report_compute
from reports.tests.fixtures import FIRST, LAST, fixture_write

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 16, 12, tzinfo=dt.UTC)


@pytest.fixture
def report(user, other_user):
    run, read = fixture_write(user, other_user)
    return (
        run,
        read,
        habits_mood_report_compute(user_id=user.pk, date_from=FIRST, date_to=LAST, now=NOW),
    )


def test_each_habit_compares_the_mood_of_done_and_not_done_days(report):
    run, read, data = report
    assert data["habits"] == [
        {
            "habit_id": read.pk,
            "name": "Read",
            "done_days": 2,
            "not_done_days": 3,
            "mood_done": None,
            "mood_not_done": None,
            "difference": None,
            "enough_data": False,
            "completions": 2,
            "due": 5,
        },
        {
            "habit_id": run.pk,
            "name": "Run",
            "done_days": 3,
            "not_done_days": 3,
            "mood_done": 4.5,
            "mood_not_done": 1.83,
            "difference": 2.67,
            "enough_data": True,
            "completions": 4,
            "due": 8,
        },
    ]
    assert data["min_days_each_side"] == 3
    assert data["headline"] == "On days you did “Run” your mood was 2.67 higher (3 vs 3 days)."


def test_the_mood_of_the_range_is_the_mean_of_its_days(report):
    _, _, data = report
    # 11 days with entries; their means add up to 20 (first week) + 15 (second week)
    assert (data["mood_days"], data["mood"]) == (11, 3.18)


def test_the_weekday_pattern_counts_completions_and_moods(report):
    _, _, data = report
    rows = [
        (d["weekday"], d["completions"], d["due"], d["completion_rate"], d["mood"], d["mood_days"])
        for d in data["weekdays"]
    ]
    assert rows == [
        (0, 1, 2, 0.5, 3.75, 2),  # Mon 2 Run done, 9 Read missed; moods 4.5 and 3
        (1, 0, 3, 0.0, 2.0, 2),  # Tue 3 Run, 10 Run and Read missed; moods 2 and 2
        (2, 2, 2, 1.0, 3.5, 2),  # Wed 4 and 11 Read done; moods 3 and 4
        (3, 1, 2, 0.5, 5.0, 1),  # Thu 5 Run done, 12 Run expired; mood 5 (12 has none)
        (4, 0, 1, 0.0, 3.25, 2),  # Fri 6 Run expired (13 excused); moods 1.5 and 5
        (5, 1, 1, 1.0, 4.0, 1),  # Sat 7 Run done; mood 4
        (6, 1, 2, 0.5, 1.0, 1),  # Sun 8 Run done, 15 Read missed (Run open); mood 1
    ]


def test_the_best_and_worst_weeks_rank_by_completion_rate(report):
    _, _, data = report
    first, second = data["weeks"]
    assert (first["week_start"], first["completions"], first["due"]) == ("2026-03-02", 5, 7)
    assert (first["completion_rate"], first["mood"], first["mood_days"]) == (0.7143, 3.33, 6)
    assert (second["week_start"], second["completions"], second["due"]) == ("2026-03-09", 1, 6)
    assert (second["completion_rate"], second["mood"], second["mood_days"]) == (0.1667, 3.0, 5)
    assert data["best_week"] == first and data["worst_week"] == second


def test_a_range_with_one_week_names_no_best_or_worst(user, other_user):
    fixture_write(user, other_user)
    data = habits_mood_report_compute(
        user_id=user.pk, date_from=FIRST, date_to=FIRST + dt.timedelta(days=6), now=NOW
    )
    assert len(data["weeks"]) == 1 and data["best_week"] is None and data["worst_week"] is None


def test_weeks_are_clipped_to_the_range(user):
    data = habits_mood_report_compute(
        user_id=user.pk, date_from=dt.date(2026, 3, 4), date_to=dt.date(2026, 3, 10), now=NOW
    )
    assert [(w["week_start"], w["first_day"], w["last_day"]) for w in data["weeks"]] == [
        ("2026-03-02", "2026-03-04", "2026-03-08"),
        ("2026-03-09", "2026-03-09", "2026-03-10"),
    ]


def test_no_data_gives_no_insight(user):
    data = habits_mood_report_compute(user_id=user.pk, date_from=FIRST, date_to=LAST, now=NOW)
    assert data["habits"] == [] and data["headline"] is None and data["mood"] is None
    assert all(d["completion_rate"] is None and d["mood"] is None for d in data["weekdays"])
