"""Rules that exist as Python and as SQL (habit_instances.sql) give the same answers.

The cases are random but seeded, so a failure reproduces. The Python definition is the oracle:
habit_instances.schedule for the generation and the next due date, stats.compute.streaks for the
current streak, stats.freshness.next_sweep_at for the end of a kept Today list.
The generation's SQL path exists on PostgreSQL only; its Python path runs on both databases and
is compared with the oracle there too (SQLite stores datetimes as text: a round trip that could
shift a deadline).
"""

import datetime as dt
import random

import pytest
from django.db import connection, transaction
from django.db.models import Min

from habit_instances.models import (
    DONE_STATUSES,
    FINAL_STATUSES,
    OPEN_STATUSES,
    HabitInstance,
    InstanceStatus,
)
from habit_instances.schedule import (
    OPEN_DAYS_BACK,
    deadlines_for,
    done_this_week,
    generation_days,
    habit_instance_may_be_generated,
    is_due_on,
    is_paused_on,
    next_due_date,
    week_start,
)
from habit_instances.selectors import (
    habit_instance_row,
    habit_instance_rows_in_range_for_user,
    habit_next_due_dates,
)
from habit_instances.services.generation import _generate_in_python, _generate_in_sql
from habit_instances.sql import instance_rows_of_day
from habit_instances.stats.compute import habit_streaks
from habit_instances.stats.freshness import next_sweep_at
from habit_instances.stats.selectors import habit_current_streaks
from habit_instances.tests.factories import HabitInstanceFactory
from habits.models import (
    ALL_WEEKDAYS_MASK,
    MAX_TIMES_PER_WEEK,
    PERIODICITY_CHOICES,
    Habit,
    Schedule,
)
from habits.selectors import habit_rows_for_user
from habits.tests.factories import HabitFactory
from users.tests.factories import UserFactory
from users.timezones import user_zone

pytestmark = pytest.mark.django_db
UTC = dt.UTC

ZONES = [
    "UTC",
    "Europe/Berlin",  # DST on the last Sundays of March and October
    "America/New_York",  # DST on other days than Europe
    "Australia/Lord_Howe",  # a DST shift of half an hour
    "Asia/Kolkata",  # +5:30
    "Asia/Kathmandu",  # +5:45
    "Pacific/Kiritimati",  # +14
    "Pacific/Pago_Pago",  # -11
]
# Local times around midnight and inside the DST gap (02:30) and fold (01:30).
TIMES = [dt.time(0, 0), dt.time(0, 5), dt.time(1, 30), dt.time(2, 30), dt.time(23, 40)]
WINDOWS = [0, 1, 30, 120, 1440]  # grace and fix minutes, 0 to the maximum
# Moments the zones above switch their clocks in 2026, and a plain day.
SWITCHES = [
    dt.datetime(2026, 3, 8, 7, 0, tzinfo=UTC),  # New York springs forward
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # Berlin springs forward
    dt.datetime(2026, 4, 4, 15, 0, tzinfo=UTC),  # Lord Howe falls back
    dt.datetime(2026, 10, 25, 1, 0, tzinfo=UTC),  # Berlin falls back
    dt.datetime(2026, 11, 1, 6, 0, tzinfo=UTC),  # New York falls back
    dt.datetime(2026, 6, 15, 12, 0, tzinfo=UTC),
]


def _random_schedule(rng: random.Random) -> dict:
    kind = rng.choice(Schedule.values)
    if kind == Schedule.WEEKDAYS:
        return {"schedule": kind, "weekdays": rng.randint(1, ALL_WEEKDAYS_MASK)}
    if kind == Schedule.TIMES_PER_WEEK:
        return {"schedule": kind, "times_per_week": rng.randint(1, MAX_TIMES_PER_WEEK)}
    return {"schedule": kind}


def _random_pause(rng: random.Random, *, near: dt.date) -> dict:
    if rng.random() < 0.6:
        return {}
    paused_from = near + dt.timedelta(days=rng.randint(-3, 2))
    until = None if rng.random() < 0.3 else paused_from + dt.timedelta(days=rng.randint(0, 3))
    return {"paused_from": paused_from, "paused_until": until}


def _random_habits(rng: random.Random, *, near: dt.date) -> list[Habit]:
    habits = []
    for zone in ZONES * 3:
        user = UserFactory(timezone=zone)
        for _ in range(4):
            habits.append(
                HabitFactory(
                    user=user,
                    time_of_day=rng.choice(TIMES)
                    if rng.random() < 0.7
                    else dt.time(rng.randrange(24), rng.randrange(60)),
                    periodicity_days=rng.choice(PERIODICITY_CHOICES)[0],
                    **_random_schedule(rng),
                    **_random_pause(rng, near=near),
                    start_date=near + dt.timedelta(days=rng.randint(-9, 3)),
                    grace_minutes=rng.choice(WINDOWS),
                    fix_minutes=rng.choice(WINDOWS),
                    is_active=rng.random() < 0.9,
                    is_archived=rng.random() < 0.1,
                )
            )
    return habits


def _random_history(rng: random.Random, habits: list[Habit], *, days: list[dt.date]) -> None:
    """Final instances on some of these days, so a times_per_week habit's count of this week's
    done instances (ScheduleKind's done_this_week) reaches, or not, its target."""
    HabitInstance.objects.bulk_create(
        HabitInstanceFactory.build(habit=habit, date=day, status=rng.choice(sorted(FINAL_STATUSES)))
        for habit in habits
        for day in days
        if rng.random() < 0.5
    )


def _done_dates(habits: list[Habit]) -> dict[int, list[dt.date]]:
    done: dict[int, list[dt.date]] = {habit.pk: [] for habit in habits}
    for habit_id, day in HabitInstance.objects.filter(status__in=DONE_STATUSES).values_list(
        "habit_id", "date"
    ):
        done[habit_id].append(day)
    return done


def _moments(rng: random.Random, habits: list[Habit]) -> list[dt.datetime]:
    """Around each switch: random moments within a day and a half, to the minute; and exactly at
    some habits' fix deadlines and a microsecond either side (the rule's edge)."""
    around = [
        switch + dt.timedelta(minutes=rng.randint(-36 * 60, 36 * 60))
        for switch in SWITCHES
        for _ in range(2)
    ]
    edges = []
    for habit in rng.sample(habits, 3):
        zone = user_zone(habit.user)
        day = rng.choice(SWITCHES).astimezone(zone).date()
        deadline = deadlines_for(habit=habit, day=day, zone=zone).fix_deadline
        edges += [deadline + dt.timedelta(microseconds=shift) for shift in (-1, 0, 1)]
    return around + edges


def _expected(
    habits: list[Habit], now: dt.datetime, done_dates: dict[int, list[dt.date]]
) -> set[tuple]:
    """The Python definition: what generation at `now` must create, computed without the
    database (but for the history's done dates, read once)."""
    rows = set()
    for habit in habits:
        zone = user_zone(habit.user)
        for day in generation_days(zone=zone, now=now):
            done = done_this_week(done_dates[habit.pk], day)
            if habit_instance_may_be_generated(
                habit=habit, day=day, zone=zone, now=now, done_this_week=done
            ):
                d = deadlines_for(habit=habit, day=day, zone=zone)
                rows.add((habit.pk, day, d.scheduled_at, d.grace_deadline, d.fix_deadline))
    return rows


def _created_by(generate, *, user_ids: list[int], now: dt.datetime) -> set[tuple]:
    """The rows one path creates from an empty table; rolled back afterwards."""
    with transaction.atomic():
        before = HabitInstance.objects.count()
        count = generate(user_ids=user_ids, now=now)
        rows = set(
            HabitInstance.objects.filter(status=InstanceStatus.SCHEDULED).values_list(
                "habit_id", "date", "scheduled_at", "grace_deadline", "fix_deadline"
            )
        )
        assert count == len(rows) == HabitInstance.objects.count() - before
        transaction.set_rollback(True)
    return rows


def test_generation_in_sql_and_in_python_creates_exactly_what_the_schedule_rule_says():
    rng = random.Random(20260312)
    habits = _random_habits(rng, near=dt.date(2026, 3, 29))
    # Done and not-done days early in each switch's week (Monday to Wednesday, before every
    # generation day but one: a Monday switch's history lies in the week before).
    history_days = sorted(
        {
            week_start(switch.date()) + dt.timedelta(days=n)
            for switch in SWITCHES
            for n in (-2, 0, 1)
        }
        - {switch.date() + dt.timedelta(days=n) for switch in SWITCHES for n in (-2, -1, 0, 1, 2)}
    )
    _random_history(rng, habits, days=history_days)
    done_dates = _done_dates(habits)
    user_ids = sorted({habit.user_id for habit in habits})
    paths = {"python": _generate_in_python}
    if connection.vendor == "postgresql":
        paths["sql"] = _generate_in_sql
    zone_of = {habit.pk: user_zone(habit.user) for habit in habits}
    covered = {
        "created": 0,
        "due but closed": 0,
        "tomorrow": 0,
        "weekly target met": 0,
        "paused": 0,
        **dict.fromkeys(Schedule.values, 0),
    }
    for n, now in enumerate(_moments(rng, [habit for habit in habits if habit.is_active])):
        # Every other moment the beat's chunk is half the users: the others' habits get nothing.
        chunk = user_ids if n % 2 == 0 else user_ids[::2]
        expected = _expected([habit for habit in habits if habit.user_id in chunk], now, done_dates)
        for name, generate in paths.items():
            assert _created_by(generate, user_ids=chunk, now=now) == expected, (name, now)
        covered["created"] += len(expected)
        kind_of = {habit.pk: habit.schedule for habit in habits}
        for habit_id, *_ in expected:
            covered[kind_of[habit_id]] += 1
        for habit in habits:
            for day in generation_days(zone=zone_of[habit.pk], now=now):
                covered["paused"] += is_paused_on(habit=habit, day=day)
                covered["weekly target met"] += habit.schedule == Schedule.TIMES_PER_WEEK and (
                    done_this_week(done_dates[habit.pk], day) >= habit.times_per_week
                )
        covered["tomorrow"] += sum(
            1 for habit_id, day, *_ in expected if day > now.astimezone(zone_of[habit_id]).date()
        )
        covered["due but closed"] += sum(
            1
            for habit in habits
            for day in generation_days(zone=zone_of[habit.pk], now=now)
            if habit.is_active
            and is_due_on(habit=habit, day=day)
            and not habit_instance_may_be_generated(
                habit=habit, day=day, zone=zone_of[habit.pk], now=now
            )
        )
    # the cases reach every branch of the rule, not only the easy one
    assert all(covered.values()), covered


def test_current_streaks_in_sql_match_the_python_streak_rule(user):
    """Every schedule kind (times_per_week counts weeks), histories with gaps (weeks without any
    instance, as a pause leaves them), and several todays: inside the history (its current week
    unfinished), at its end and weeks after it."""
    rng = random.Random(7)
    first = dt.date(2026, 3, 1)
    rows_of = {}
    habits = []
    for _ in range(60):
        habit = HabitFactory(user=user, **_random_schedule(rng))
        days = sorted(
            rng.sample(range(42), rng.randint(0, 30))
            if rng.random() < 0.5
            else range(rng.randint(0, 30))
        )
        rows = [
            (first + dt.timedelta(days=n), rng.choice(list(InstanceStatus)).value) for n in days
        ]
        HabitInstance.objects.bulk_create(
            HabitInstanceFactory.build(habit=habit, date=day, status=status) for day, status in rows
        )
        rows_of[habit.pk] = rows
        habits.append(habit)
    # excused days among the histories: neither extend nor break a run, on both paths
    assert any(status == "skipped" for rows in rows_of.values() for _, status in rows)
    covered = {"weekly streak": 0, "instance streak": 0}
    for today in [first + dt.timedelta(days=n) for n in (9, 20, 31, 41, 60)]:
        now = dt.datetime.combine(today, dt.time(12), tzinfo=UTC)  # the user is in UTC
        expected = {
            habit.pk: habit_streaks(habit=habit, rows=rows_of[habit.pk], today=today)[0]
            for habit in habits
        }
        found = habit_current_streaks(user=user, habit_ids=list(rows_of), now=now)
        assert found == expected, today
        for habit in habits:
            weekly = habit.schedule == Schedule.TIMES_PER_WEEK
            covered["weekly streak" if weekly else "instance streak"] += bool(expected[habit.pk])
        # The instance rows (/instances/today/, the marks' answers) carry the same streak: read
        # each habit's last instance as a row.
        rows = [
            habit_instance_row(
                user=user,
                instance_id=HabitInstance.objects.filter(habit_id=habit_id).latest("date").pk,
                now=now,
            )
            for habit_id, rows in rows_of.items()
            if rows
        ]
        with_rows = {habit_id: streak for habit_id, streak in expected.items() if rows_of[habit_id]}
        assert {row[9]: row[-1] for row in rows} == with_rows
        # A range of days (/instances/?date_from&date_to) computes each habit's streak once for
        # all its rows, of all habits or of the ones asked for.
        for ids in (None, list(rows_of)[::3]):
            in_range = habit_instance_rows_in_range_for_user(
                user=user, date_from=first, date_to=today, habit_ids=ids, now=now
            )
            assert len({row[9] for row in in_range}) < len(in_range)
            assert {row[9]: row[-1] for row in in_range} == {
                habit_id: with_rows[habit_id]
                for habit_id, rows in rows_of.items()
                if (ids is None or habit_id in ids) and any(day <= today for day, _ in rows)
            }
    assert all(covered.values()), covered


def test_next_due_dates_from_the_list_columns_match_the_python_rule():
    """The habit list's statement (habits.sql.HabitRows with sql.next_due_columns) and the
    detail's query (habit_next_due_dates) against the Python definition: schedule.next_due_date
    with today over when today's instance is final, or when there is none and its window has
    closed, and the done instances of today's week through today, counted here in Python."""
    rng = random.Random(20261201)
    habits = _random_habits(rng, near=dt.date(2026, 3, 29))
    days = sorted(
        {
            week_start(switch.date()) + dt.timedelta(days=n)
            for switch in SWITCHES
            for n in range(-1, 8)
        }
    )
    HabitInstance.objects.bulk_create(
        HabitInstanceFactory.build(habit=habit, date=day, status=rng.choice(list(InstanceStatus)))
        for habit in habits
        for day in days
        if rng.random() < 0.6
    )
    instances = HabitInstance.objects.values_list("habit_id", "date", "status")
    status_of = {(habit_id, day): status for habit_id, day, status in instances}
    done_dates = _done_dates(habits)
    users = {habit.user_id: habit.user for habit in habits}
    covered = dict.fromkeys(
        ["final today", "open today", "closed, none", "open, none", "weekly count", "none due"], 0
    )
    for now in _moments(rng, [habit for habit in habits if habit.is_active]):
        expected = {}
        for habit in habits:
            zone = user_zone(habit.user)
            today = now.astimezone(zone).date()
            status = status_of.get((habit.pk, today))
            if status is None:
                over = deadlines_for(habit=habit, day=today, zone=zone).fix_deadline <= now
                covered["closed, none" if over else "open, none"] += 1
            else:
                over = status in FINAL_STATUSES
                covered["final today" if over else "open today"] += 1
            done = sum(
                1
                for day in done_dates[habit.pk]
                if week_start(day) == week_start(today) <= day <= today
            )
            covered["weekly count"] += habit.schedule == Schedule.TIMES_PER_WEEK and done > 0
            expected[habit.pk] = next_due_date(
                habit=habit, today=today, today_is_over=over, done_this_week=done
            )
            covered["none due"] += expected[habit.pk] is None
        listed, queried = {}, {}
        for user in users.values():
            rows = habit_rows_for_user(user=user, filters={}, ordering=["id"], now=now)[0:100]
            listed |= {row[0]: row[-1] for row in rows}
            ids = [habit.pk for habit in habits if habit.user_id == user.pk]
            queried |= habit_next_due_dates(user=user, habit_ids=ids, now=now)
        assert listed == expected, now
        assert queried == expected, now
    assert all(covered.values()), covered


def test_open_until_in_sql_matches_the_stats_freshness_rule(user):
    """The moment a kept Today list ends (sql.instance_rows_of_day's last column) is
    stats.freshness.next_sweep_at folded over the user's open instances of the last
    OPEN_DAYS_BACK days, with random statuses and deadlines, another user's rows left out."""
    rng = random.Random(11)
    today = dt.date(2026, 3, 10)
    stranger = HabitFactory(user=UserFactory())
    habits = [HabitFactory(user=user) for _ in range(6)] + [stranger]
    rows = []
    for habit in habits:
        for back in range(OPEN_DAYS_BACK + 3):
            day = today - dt.timedelta(days=back)
            scheduled_at = dt.datetime.combine(day, dt.time(rng.randint(0, 23)), tzinfo=UTC)
            grace = scheduled_at + dt.timedelta(minutes=rng.randint(0, 600))
            rows.append(
                HabitInstanceFactory.build(
                    habit=habit,
                    date=day,
                    status=rng.choice(list(InstanceStatus)).value,
                    scheduled_at=scheduled_at,
                    grace_deadline=grace,
                    fix_deadline=grace + dt.timedelta(minutes=rng.randint(0, 1440)),
                )
            )
    HabitInstance.objects.bulk_create(rows)
    folded = []
    for cut in range(4):  # more and more of the open ones marked done
        expected = (
            HabitInstance.objects.filter(
                habit__user=user,
                date__gte=today - dt.timedelta(days=OPEN_DAYS_BACK),
                status__in=OPEN_STATUSES,
            )
            .aggregate(until=Min(next_sweep_at()))
            .get("until")
        )
        rows_today, open_until = instance_rows_of_day(user_id=user.pk, day=today)
        assert rows_today and open_until == expected, cut
        folded.append(expected)
        still_open = HabitInstance.objects.filter(habit__user=user, status__in=OPEN_STATUSES)
        still_open.filter(pk__in=list(still_open.values_list("pk", flat=True)[:6])).update(
            status=InstanceStatus.COMPLETED
        )
    assert folded[0] is not None and len(set(folded)) > 1  # the cases had open instances to fold
