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

from habit_instances.models import (
    DONE_STATUSES,
    RATED_STATUSES,
    STREAK_BREAKING_STATUSES,
    STREAK_EXTENDING_STATUSES,
    InstanceStatus,
)
from habit_instances.schedule import TIMES_PER_WEEK, habit_frequency, schedule_kind_of, week_start

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CALENDAR_DAYS = 365
STRENGTH_HISTORY_DAYS = 365


def _rate(done: int, final: int) -> float:
    return round(done / final, 4) if final else 0.0


def streaks(statuses: list[str]) -> tuple[int, int]:
    """(current, max) runs of done instances, oldest first (every_n_days and weekdays): a
    breaking status ends a run; any other (open and excused instances) neither extends nor breaks
    one."""
    current = longest = 0
    for status in statuses:
        if status in STREAK_EXTENDING_STATUSES:
            current += 1
            longest = max(longest, current)
        elif status in STREAK_BREAKING_STATUSES:
            current = 0
    return current, longest


def week_counts(rows: list[tuple[date, str]]) -> dict[date, int]:
    """Each ISO week (by its Monday) that has instances -> how many of them extend a streak."""
    counts: dict[date, int] = {}
    for day, status in rows:
        week = week_start(day)
        counts[week] = counts.get(week, 0) + (status in STREAK_EXTENDING_STATUSES)
    return counts


def weekly_streaks(
    rows: list[tuple[date, str]], *, target: int, this_week: date
) -> tuple[int, int]:
    """(current, max) runs of weeks that met the target (times_per_week), oldest first.

    A week met the target when `target` of its instances are done. A week before `this_week`
    (the owner's current ISO week) that has instances and fell short breaks the run; the
    current week extends it once met and otherwise neither extends nor breaks it. A week with
    no instance at all (paused, before the start) is not in `rows`: it is skipped over.
    """
    current = longest = 0
    for week, done in sorted(week_counts(rows).items()):
        if done >= target:
            current += 1
            longest = max(longest, current)
        elif week < this_week:
            current = 0
    return current, longest


def habit_streaks(*, habit, rows: list[tuple[date, str]], today: date) -> tuple[int, int]:
    """The streak rule of the habit's schedule kind: weeks for times_per_week, else instances."""
    if schedule_kind_of(habit) == TIMES_PER_WEEK:
        return weekly_streaks(rows, target=habit.times_per_week, this_week=week_start(today))
    return streaks([status for _, status in rows])


def strength_multiplier(frequency: float) -> float:
    """Loop Habit Tracker's decay: m = 0.5 ** (sqrt(f) / 13), f the due days per day."""
    return 0.5 ** (math.sqrt(frequency) / 13)


def strength_history(rows: list[tuple[date, str]], frequency: float) -> list[tuple[date, float]]:
    """score = previous * m + v * (1 - m) per due date with a final status, starting from 0
    (an excused day is not a due date)."""
    multiplier = strength_multiplier(frequency)
    score = 0.0
    history = []
    for day, status in rows:
        if status not in RATED_STATUSES:
            continue
        value = 1.0 if status in DONE_STATUSES else 0.0
        score = score * multiplier + value * (1 - multiplier)
        history.append((day, score))
    return history


def _success_rate(*, habit, rows, today: date, done: int, final: int) -> float:
    """Done / final instances; for times_per_week the share of the weekly targets reached:
    sum(min(done, target)) / sum(target) over the past weeks that have instances and the
    current week once met (an unfinished week is not judged yet, as in the streak)."""
    if schedule_kind_of(habit) != TIMES_PER_WEEK:
        return _rate(done, final)
    target, this_week = habit.times_per_week, week_start(today)
    judged = [
        min(count, target)
        for week, count in week_counts(rows).items()
        if week < this_week or count >= target
    ]
    return _rate(sum(judged), target * len(judged))


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
    current_streak, max_streak = habit_streaks(habit=habit, rows=rows, today=today)
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

    history = strength_history(rows, habit_frequency(habit))
    history_start = today - timedelta(days=STRENGTH_HISTORY_DAYS - 1)
    calendar_start = today - timedelta(days=CALENDAR_DAYS - 1)
    status_by_day = {day: status for day, status in rows if day >= calendar_start}

    return {
        "habit_id": habit.pk,
        "current_streak": current_streak,
        "max_streak": max_streak,
        "counts": {status.value: counts[status.value] for status in InstanceStatus},
        "success_rate": _success_rate(habit=habit, rows=rows, today=today, done=done, final=final),
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
