"""Per-habit stats computed in Python from one query's rows (date, status), oldest first.

Three years of daily history is ~1,100 tuples: one pass each, no per-row queries.

An excused day (`skipped`) counts as a day that was not due: it neither extends nor breaks a
streak and stays out of the rates, the weekday bars and the strength score; only the counts and
the calendar show it (RATED_STATUSES are the final statuses that count as due).
"""

import math
from collections import Counter
from collections.abc import Set
from datetime import date, timedelta

from habit_instances.models import DONE_STATUSES, RATED_STATUSES, InstanceStatus

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CALENDAR_DAYS = 365
STRENGTH_HISTORY_DAYS = 365


def _rate(done: int, final: int) -> float:
    return round(done / final, 4) if final else 0.0


def streaks(statuses: list[str]) -> tuple[int, int]:
    """(current, max) runs of done instances; open and excused instances neither extend nor break
    a run."""
    current = longest = 0
    for status in statuses:
        if status in DONE_STATUSES:
            current += 1
            longest = max(longest, current)
        elif status in RATED_STATUSES:
            current = 0
    return current, longest


def strength_multiplier(periodicity_days: int) -> float:
    """Loop Habit Tracker's decay: m = 0.5 ** (sqrt(f) / 13), f = 1 / periodicity_days."""
    return 0.5 ** (math.sqrt(1 / periodicity_days) / 13)


def strength_history(
    rows: list[tuple[date, str]], periodicity_days: int
) -> list[tuple[date, float]]:
    """score = previous * m + v * (1 - m) per due date with a final status, starting from 0
    (an excused day is not a due date)."""
    multiplier = strength_multiplier(periodicity_days)
    score = 0.0
    history = []
    for day, status in rows:
        if status not in RATED_STATUSES:
            continue
        value = 1.0 if status in DONE_STATUSES else 0.0
        score = score * multiplier + value * (1 - multiplier)
        history.append((day, score))
    return history


def _calendar_day(day: date, status: str | None, recorded_late: bool) -> dict:
    """A heatmap cell; `recorded_late` only on the days recorded afterwards (most days are not:
    the key on every one of the 365 cells would only add bytes to every cached entry)."""
    cell = {"date": day.isoformat(), "status": status}
    if recorded_late:
        cell["recorded_late"] = True
    return cell


def compute_habit_stats(
    *,
    habit,
    rows: list[tuple[date, str]],
    today: date,
    recorded_late_days: Set[date] = frozenset(),
) -> dict:
    statuses = [status for _, status in rows]
    current_streak, max_streak = streaks(statuses)
    counts = Counter(statuses)
    done = sum(counts[status] for status in DONE_STATUSES)
    final = sum(counts[status] for status in RATED_STATUSES)

    weekday_final = Counter(day.weekday() for day, status in rows if status in RATED_STATUSES)
    weekday_done = Counter(day.weekday() for day, status in rows if status in DONE_STATUSES)
    weekdays = [
        {
            "weekday": weekday,
            "name": WEEKDAY_NAMES[weekday],
            "due": weekday_final[weekday],
            "completed": weekday_done[weekday],
            "success_rate": _rate(weekday_done[weekday], weekday_final[weekday]),
        }
        for weekday in range(7)
    ]

    history = strength_history(rows, habit.periodicity_days)
    history_start = today - timedelta(days=STRENGTH_HISTORY_DAYS - 1)
    calendar_start = today - timedelta(days=CALENDAR_DAYS - 1)
    status_by_day = {day: status for day, status in rows if day >= calendar_start}

    return {
        "habit_id": habit.pk,
        "current_streak": current_streak,
        "max_streak": max_streak,
        "counts": {status.value: counts[status.value] for status in InstanceStatus},
        "success_rate": _rate(done, final),
        "weekdays": weekdays,
        "progress": {
            "completions": done,
            "repeat_limit": habit.repeat_limit,
            "percent": round(min(done / habit.repeat_limit, 1.0) * 100, 1),
            "formed": done >= habit.repeat_limit,
        },
        "strength": {
            "score": round(history[-1][1], 4) if history else 0.0,
            "history": [
                {"date": day.isoformat(), "score": round(score, 4)}
                for day, score in history
                if day >= history_start
            ],
        },
        "calendar": [
            _calendar_day(day, status_by_day.get(day), day in recorded_late_days)
            for day in (calendar_start + timedelta(days=n) for n in range(CALENDAR_DAYS))
        ],
    }
