"""The counting rules over a user's instances (achievements.measures.instance_measures), on
plain rows: streaks, comebacks, perfect days and weeks, early and late completions by zone."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from achievements.catalogue import CATALOGUE, MEASURES, TIERS
from achievements.measures import comebacks, instance_measures

UTC = dt.UTC
MONDAY = dt.date(2026, 3, 2)
D, L, M, X, S, P = "completed", "completed_late", "missed", "fix_expired", "skipped", "pending"


def _rows(habit_id, statuses, *, start=MONDAY, at=None, zone=UTC):
    """One habit's instances on consecutive days from `start`, completed at `at` local time."""
    rows = []
    for offset, status in enumerate(statuses):
        day = start + dt.timedelta(days=offset)
        moment = None
        if status in (D, L):
            moment = dt.datetime.combine(day, at or dt.time(12, 0), tzinfo=zone)
        rows.append((habit_id, day, status, moment, False))
    return rows


def _measures(rows, *, today=dt.date(2026, 6, 1), zone=UTC):
    return instance_measures(rows, zone=zone, today=today)


def test_the_catalogue_has_24_or_more_unique_codes_each_on_a_known_measure_and_tier():
    codes = [definition.code for definition in CATALOGUE]
    assert len(codes) >= 24
    assert len(set(codes)) == len(codes)
    assert all(d.measure in MEASURES and d.tier in TIERS and d.target >= 1 for d in CATALOGUE)


def test_completions_count_done_and_late_and_the_best_streak_is_per_habit():
    rows = _rows(1, [D, D, L, M, D, D]) + _rows(2, [D, D, D, D])
    measures = _measures(rows)
    assert measures["completions"] == 9
    assert measures["on_time_completions"] == 8
    assert measures["best_streak"] == 4


def test_excused_days_neither_break_nor_extend_a_streak():
    assert _measures(_rows(1, [D, S, D, S, D]))["best_streak"] == 3


def test_never_miss_twice_is_a_completion_right_after_one_broken_day_ending_a_streak_of_three():
    assert comebacks([D, D, D, M, D]) == 1
    assert comebacks([D, D, D, X, S, D]) == 1  # an excused day in between is stepped over
    assert comebacks([D, D, M, D]) == 0  # the streak before was too short
    assert comebacks([D, D, D, M, M, D]) == 0  # missed twice
    assert comebacks([D, D, D, M, P]) == 0  # today is still open


def test_a_perfect_day_needs_three_due_all_done():
    day = [(1, MONDAY, D, None, False), (2, MONDAY, D, None, False), (3, MONDAY, S, None, False)]
    assert _measures(day)["perfect_days"] == 0  # two due: the skipped one is not due
    day.append((4, MONDAY, L, None, False))
    assert _measures(day)["perfect_days"] == 1
    day.append((5, MONDAY, P, None, False))
    assert _measures(day)["perfect_days"] == 0


def test_a_perfect_week_counts_once_it_is_over_with_five_due_all_done():
    week = _rows(1, [D, D, D, D, D, S, S])
    sunday = MONDAY + dt.timedelta(days=6)
    assert _measures(week, today=sunday - dt.timedelta(days=1))["perfect_weeks"] == 0
    assert _measures(week, today=sunday)["perfect_weeks"] == 1
    assert _measures(_rows(1, [D, D, D, D, S, S, S]), today=sunday)["perfect_weeks"] == 0
    assert _measures(_rows(1, [D, D, D, D, D, M, D]), today=sunday)["perfect_weeks"] == 0


def test_early_and_late_completions_read_the_users_local_clock():
    kolkata, new_york = ZoneInfo("Asia/Kolkata"), ZoneInfo("America/New_York")  # +5:30, -5
    at_one = _rows(1, [D, D], at=dt.time(1, 0))  # 06:30 in Kolkata, 20:00 the day before in NY
    assert _measures(at_one, zone=kolkata)["early_completions"] == 2
    assert _measures(at_one, zone=new_york)["late_completions"] == 0
    at_half_past_three = _rows(1, [D, D], at=dt.time(3, 30))  # 09:00 Kolkata, 22:30 in NY
    assert _measures(at_half_past_three, zone=kolkata)["early_completions"] == 0
    assert _measures(at_half_past_three, zone=new_york)["late_completions"] == 2
    assert _measures(_rows(1, [D], at=dt.time(7, 0)))["early_completions"] == 0


def test_a_day_recorded_afterwards_counts_as_a_completion_but_not_for_the_clock():
    rows = [(1, MONDAY, D, dt.datetime(2026, 3, 2, 5, 0, tzinfo=UTC), True)]
    measures = _measures(rows)
    assert (measures["completions"], measures["early_completions"]) == (1, 0)


def test_weekend_completions_and_active_days():
    rows = _rows(1, [D, D, D, D, D, D, D]) + _rows(2, [D], start=MONDAY + dt.timedelta(days=5))
    measures = _measures(rows)
    assert measures["weekend_completions"] == 3
    assert measures["active_days"] == 7


def test_docs_list_every_achievement():
    docs = (Path(settings.BASE_DIR) / "docs" / "motivation.md").read_text()
    assert all(f"| `{d.code}` | {d.name} | {d.tier} |" in docs for d in CATALOGUE)
    assert "achievements.refresh_percentages" in docs
