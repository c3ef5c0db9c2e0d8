"""The user's measures that achievements are thresholds on (achievements.catalogue.MEASURES),
read from history with four queries: the instances, the habits' counts, the goals' count, the
user's zone. The counting over instances is plain Python (`instance_measures`), tested on its
own: a user's instances are a few thousand rows at most, and one ordered read of them serves
every streak, week and day rule at once."""

from collections import defaultdict
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from goals.models import Goal
from habit_instances.models import (
    EXCUSED_STATUSES,
    OPEN_STATUSES,
    STREAK_BREAKING_STATUSES,
    STREAK_EXTENDING_STATUSES,
    HabitInstance,
    InstanceStatus,
)
from habit_instances.schedule import week_start
from habit_instances.stats.compute import streaks
from habits.models import Habit
from users.timezones import zone_named

EARLY_BEFORE = time(7, 0)
LATE_FROM = time(22, 0)
COMEBACK_AFTER_STREAK = 3
PERFECT_DAY_MIN_DUE = 3
PERFECT_WEEK_MIN_DUE = 5

# (habit id, local date, status, completed_at, recorded_late), ordered by habit then date
InstanceRow = tuple[int, date, str, datetime | None, bool]


def comebacks(statuses: list[str]) -> int:
    """Completions that came right after exactly one broken due day which itself ended a run of
    COMEBACK_AFTER_STREAK or more ("never miss twice"); excused and open days are stepped over
    like the streak rule does."""
    count = run = run_before_break = breaks = 0
    for status in statuses:
        if status in STREAK_EXTENDING_STATUSES:
            if breaks == 1 and run_before_break >= COMEBACK_AFTER_STREAK:
                count += 1
            breaks = 0
            run += 1
        elif status in STREAK_BREAKING_STATUSES:
            if breaks == 0:
                run_before_break = run
            breaks += 1
            run = 0
    return count


def _all_done(statuses: list[str], minimum: int) -> bool:
    due = [status for status in statuses if status not in EXCUSED_STATUSES]
    return len(due) >= minimum and all(status in STREAK_EXTENDING_STATUSES for status in due)


def instance_measures(rows: list[InstanceRow], *, zone, today: date) -> dict[str, int]:
    """Every measure that comes from instances. A week counts once it is over (its Sunday is
    today or earlier, in the user's zone) and none of its instances is still open; a day counts
    as soon as its due instances are all done. Early and late completions read the moment of a
    live mark in the user's zone; a day recorded afterwards has no real moment and counts for
    neither."""
    by_habit: dict[int, list[str]] = defaultdict(list)
    by_day: dict[date, list[str]] = defaultdict(list)
    by_week: dict[date, list[str]] = defaultdict(list)
    completions = on_time = early = late = weekend = 0
    done_days: set[date] = set()
    for habit_id, day, status, completed_at, recorded_late in rows:
        by_habit[habit_id].append(status)
        by_day[day].append(status)
        by_week[week_start(day)].append(status)
        if status not in STREAK_EXTENDING_STATUSES:
            continue
        completions += 1
        on_time += status == InstanceStatus.COMPLETED
        weekend += day.weekday() >= 5
        done_days.add(day)
        if completed_at is not None and not recorded_late:
            moment = completed_at.astimezone(zone).time()
            early += moment < EARLY_BEFORE
            late += moment >= LATE_FROM
    weeks_over = {
        week: statuses
        for week, statuses in by_week.items()
        if (week.toordinal() + 6) <= today.toordinal()
        and not any(status in OPEN_STATUSES for status in statuses)
    }
    return {
        "completions": completions,
        "on_time_completions": on_time,
        "best_streak": max((streaks(s)[1] for s in by_habit.values()), default=0),
        "comebacks": sum(comebacks(s) for s in by_habit.values()),
        "perfect_days": sum(_all_done(s, PERFECT_DAY_MIN_DUE) for s in by_day.values()),
        "perfect_weeks": sum(_all_done(s, PERFECT_WEEK_MIN_DUE) for s in weeks_over.values()),
        "active_days": len(done_days),
        "early_completions": early,
        "late_completions": late,
        "weekend_completions": weekend,
    }


def user_measures(*, user_id: int, now: datetime) -> dict[str, int] | None:
    """All measures of the user (None when the user is gone)."""
    zone_name = (
        get_user_model().objects.filter(pk=user_id).values_list("timezone", flat=True).first()
    )
    if zone_name is None:
        return None
    zone = zone_named(zone_name)
    rows = list(
        HabitInstance.objects.filter(habit__user_id=user_id)
        .order_by("habit_id", "date")
        .values_list("habit_id", "date", "status", "completed_at", "recorded_late")
    )
    habits = Habit.objects.filter(user_id=user_id).aggregate(
        habits_created=Count("pk"),
        habits_formed=Count("pk", filter=Q(formed_at__isnull=False)),
        public_habits=Count("pk", filter=Q(is_public=True)),
        active_habits=Count("pk", filter=Q(is_active=True, is_archived=False)),
        paired_habits=Count(
            "pk", filter=Q(is_pleasant=False, related_pleasant_habit__isnull=False)
        ),
    )
    goals = Goal.objects.filter(user_id=user_id, completed_at__isnull=False).count()
    return {
        **instance_measures(rows, zone=zone, today=now.astimezone(zone).date()),
        **habits,
        "goals_completed": goals,
    }
