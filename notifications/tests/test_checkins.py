"""Check-ins (notifications.checkins): slots resolved in the user's zone across DST, one
check-in per slot however the beat task runs, the counts, catch-up and zone changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from habit_instances.models import InstanceStatus
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from notifications.checkins import (
    checkin_schedule_update,
    checkins_send,
    next_checkin_after,
)
from notifications.models import CheckinSchedule, Notification
from notifications.sql import checkin_slots_advance
from notifications.tasks import checkins_send_task
from users.services import user_update_profile
from users.tests.factories import UserFactory

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")  # +5:30
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # +14


def _slots(tz, times, *, after, count, frequency="daily", weekday=None):
    """The next `count` slots after `after`, as local wall-clock strings."""
    found = []
    for _ in range(count):
        after = next_checkin_after(
            times=times, frequency=frequency, weekday=weekday, tz=tz, after=after
        )
        found.append(after.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z"))
    return found


# --- slot arithmetic (pure) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "spring_day", "expected"),
    [
        # 02:00 → 03:00 on 2026-03-08: 02:30 does not exist that day; it fires once, at 03:30
        (
            NEW_YORK,
            date(2026, 3, 8),
            ["2026-03-08 03:30 EDT", "2026-03-09 02:30 EDT", "2026-03-10 02:30 EDT"],
        ),
        (
            BERLIN,
            date(2026, 3, 29),
            ["2026-03-29 03:30 CEST", "2026-03-30 02:30 CEST", "2026-03-31 02:30 CEST"],
        ),
    ],
)
def test_a_slot_in_the_spring_forward_gap_fires_once_after_the_jump(tz, spring_day, expected):
    before = datetime.combine(spring_day - timedelta(days=1), time(12), tzinfo=tz)
    assert _slots(tz, [time(2, 30)], after=before, count=3) == expected


@pytest.mark.parametrize(
    ("tz", "fall_day", "at", "expected"),
    [
        # 01:30 happens twice on 2026-11-01 (EDT, then EST): once, at the first
        (
            NEW_YORK,
            date(2026, 11, 1),
            time(1, 30),
            ["2026-11-01 01:30 EDT", "2026-11-02 01:30 EST"],
        ),
        # Berlin repeats 02:00–03:00 on 2026-10-25
        (
            BERLIN,
            date(2026, 10, 25),
            time(2, 30),
            ["2026-10-25 02:30 CEST", "2026-10-26 02:30 CET"],
        ),
    ],
)
def test_a_repeated_slot_on_fall_back_fires_once_at_its_first_occurrence(
    tz, fall_day, at, expected
):
    before = datetime.combine(fall_day - timedelta(days=1), time(12), tzinfo=tz)
    assert _slots(tz, [at], after=before, count=2) == expected


def test_two_slots_that_land_on_the_same_instant_fire_once():
    before = datetime(2026, 3, 7, 12, tzinfo=NEW_YORK)
    # 02:30 resolves to 03:30 EDT on the spring-forward day, the same instant as the 03:30 slot
    assert _slots(NEW_YORK, [time(2, 30), time(3, 30)], after=before, count=3) == [
        "2026-03-08 03:30 EDT",
        "2026-03-09 02:30 EDT",
        "2026-03-09 03:30 EDT",
    ]


@pytest.mark.parametrize("tz", [KOLKATA, KIRITIMATI, NEW_YORK, BERLIN])
def test_daily_slots_follow_the_local_clock_in_any_zone(tz):
    before = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    times = [time(5), time(12), time(17)]
    slots = _slots(tz, times, after=before, count=6)
    assert [slot[11:16] for slot in slots] in (
        ["05:00", "12:00", "17:00"] * 2,
        ["12:00", "17:00", "05:00", "12:00", "17:00", "05:00"],
        ["17:00", "05:00", "12:00", "17:00", "05:00", "12:00"],
    )
    # strictly increasing instants, a day apart per slot
    instants = [datetime.strptime(slot[:16], "%Y-%m-%d %H:%M").replace(tzinfo=tz) for slot in slots]
    assert all(b - a == timedelta(days=1) for a, b in zip(instants, instants[3:], strict=False))


def test_weekly_slots_fire_on_the_chosen_weekday_only():
    before = datetime(2026, 6, 3, 9, tzinfo=KOLKATA)  # a Wednesday
    slots = _slots(
        KOLKATA, [time(8), time(20)], after=before, count=3, frequency="weekly", weekday=6
    )
    assert slots == [
        "2026-06-07 08:00 IST",
        "2026-06-07 20:00 IST",
        "2026-06-14 08:00 IST",
    ]


def test_off_has_no_next_slot():
    assert (
        next_checkin_after(
            times=[time(8)], frequency="off", weekday=None, tz=UTC, after=datetime.now(UTC)
        )
        is None
    )


# --- the beat task -------------------------------------------------------------------------


def _user_with_day(tz: str, *, day: date, open_=2, done=1, skipped=0):
    user = UserFactory(timezone=tz)
    for index in range(open_ + done + skipped):
        status = (
            InstanceStatus.PENDING
            if index < open_
            else InstanceStatus.COMPLETED
            if index < open_ + done
            else InstanceStatus.SKIPPED
        )
        habit = HabitFactory(user=user, time_of_day=time(4, 0), start_date=day)
        HabitInstanceFactory(habit=habit, date=day, status=status)
    return user


def _checkins(user) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(user=user, kind=Notification.Kind.CHECKIN)
        .order_by("dedupe_key")
        .values_list("dedupe_key", "title")
    )


@pytest.mark.django_db
def test_each_slot_sends_one_checkin_however_often_the_task_runs():
    day = date(2026, 3, 8)
    user = _user_with_day("America/New_York", day=day, open_=3, done=1, skipped=1)
    saved_at = datetime(2026, 3, 8, 0, 0, tzinfo=NEW_YORK)
    checkin_schedule_update(
        user=user, times=[time(2, 30), time(12)], frequency="daily", weekday=None, now=saved_at
    )
    first = datetime(2026, 3, 8, 3, 30, tzinfo=NEW_YORK)  # 02:30 does not exist today
    assert checkins_send(now=first - timedelta(minutes=1)) == {"advanced": 0, "written": 0}
    assert checkins_send(now=first) == {"advanced": 1, "written": 1}
    assert checkins_send(now=first) == {"advanced": 0, "written": 0}  # twice: idempotent
    assert checkins_send(now=first + timedelta(minutes=1)) == {"advanced": 0, "written": 0}
    assert _checkins(user) == [("checkin:2026-03-08T07:30Z", "3 of 4 habits left today")]
    schedule = CheckinSchedule.objects.get(user=user)
    assert schedule.next_checkin_at == datetime(2026, 3, 8, 12, tzinfo=NEW_YORK)


@pytest.mark.django_db
def test_a_slot_won_by_an_overlapping_run_is_not_sent_again():
    """Two beats that both read the slot as due: the compare-and-set on next_checkin_at lets
    one of them advance it; the other changes nothing and writes nothing."""
    day = date(2026, 6, 1)
    user = _user_with_day("Asia/Kolkata", day=day)
    checkin_schedule_update(
        user=user,
        times=[time(9)],
        frequency="daily",
        weekday=None,
        now=datetime(2026, 6, 1, 8, tzinfo=KOLKATA),
    )
    slot = CheckinSchedule.objects.get(user=user).next_checkin_at
    now = slot + timedelta(seconds=5)
    assert checkins_send(now=now)["written"] == 1
    # the late run acted on a stale read: its conditional UPDATE finds the slot moved
    assert (
        CheckinSchedule.objects.filter(user=user, next_checkin_at=slot).update(next_checkin_at=None)
        == 0
    )
    assert checkins_send(now=now + timedelta(seconds=1))["written"] == 0
    assert len(_checkins(user)) == 1


@pytest.mark.django_db
def test_nothing_is_sent_when_all_is_done_or_nothing_is_due_but_the_slot_advances():
    day = date(2026, 6, 1)
    all_done = _user_with_day("Pacific/Kiritimati", day=day, open_=0, done=2)
    nothing_due = UserFactory(timezone="Pacific/Kiritimati")
    only_skipped = _user_with_day("Pacific/Kiritimati", day=day, open_=0, done=0, skipped=1)
    at = datetime(2026, 6, 1, 7, tzinfo=KIRITIMATI)
    for user in (all_done, nothing_due, only_skipped):
        checkin_schedule_update(user=user, times=[time(8)], frequency="daily", weekday=None, now=at)
    assert checkins_send(now=at + timedelta(hours=1)) == {"advanced": 3, "written": 0}
    assert not Notification.objects.exists()
    assert (
        CheckinSchedule.objects.filter(
            next_checkin_at=datetime(2026, 6, 2, 8, tzinfo=KIRITIMATI)
        ).count()
        == 3
    )


@pytest.mark.django_db
def test_missed_slots_send_one_catch_up_within_the_hour_and_none_after():
    day = date(2026, 6, 1)
    recent = _user_with_day("Europe/Berlin", day=day)
    stale = _user_with_day("Europe/Berlin", day=day)
    saved = datetime(2026, 6, 1, 6, tzinfo=BERLIN)
    checkin_schedule_update(
        user=recent, times=[time(8), time(8, 30)], frequency="daily", weekday=None, now=saved
    )
    checkin_schedule_update(
        user=stale, times=[time(7), time(7, 10)], frequency="daily", weekday=None, now=saved
    )
    back_up = datetime(2026, 6, 1, 8, 45, tzinfo=BERLIN)  # the worker was down 07:00–08:45
    assert checkins_send(now=back_up) == {"advanced": 2, "written": 1}
    assert checkins_send(now=back_up) == {"advanced": 0, "written": 0}
    assert _checkins(recent) == [("checkin:2026-06-01T06:00Z", "2 of 3 habits left today")]
    assert _checkins(stale) == []
    assert CheckinSchedule.objects.get(user=recent).next_checkin_at == datetime(
        2026, 6, 2, 8, tzinfo=BERLIN
    )


@pytest.mark.django_db
def test_paused_and_archived_habits_are_not_counted():
    day = date(2026, 6, 1)
    user = _user_with_day("UTC", day=day, open_=1, done=1)
    archived = HabitFactory(user=user, start_date=day, is_archived=True)
    HabitInstanceFactory(habit=archived, date=day, status=InstanceStatus.PENDING)
    inactive = HabitFactory(user=user, start_date=day, is_active=False)
    HabitInstanceFactory(habit=inactive, date=day, status=InstanceStatus.PENDING)
    missed = HabitFactory(user=user, start_date=day)
    HabitInstanceFactory(habit=missed, date=day, status=InstanceStatus.MISSED)
    checkin_schedule_update(
        user=user,
        times=[time(10)],
        frequency="daily",
        weekday=None,
        now=datetime(2026, 6, 1, 9, tzinfo=UTC),
    )
    checkins_send(now=datetime(2026, 6, 1, 10, tzinfo=UTC))
    assert _checkins(user)[0][1] == "1 of 3 habits left today"


@pytest.mark.django_db
def test_a_timezone_change_moves_the_next_slot_to_the_new_zone():
    user = UserFactory(timezone="Europe/Berlin")
    now = datetime(2026, 6, 1, 5, tzinfo=UTC)  # 07:00 in Berlin
    checkin_schedule_update(user=user, times=[time(9)], frequency="daily", weekday=None, now=now)
    assert CheckinSchedule.objects.get(user=user).next_checkin_at == datetime(
        2026, 6, 1, 9, tzinfo=BERLIN
    )
    user_update_profile(user=user, timezone="Asia/Kolkata", now=now)
    # 05:00 UTC is 10:30 in Kolkata: today's 09:00 has passed there
    assert CheckinSchedule.objects.get(user=user).next_checkin_at == datetime(
        2026, 6, 2, 9, tzinfo=KOLKATA
    )


@pytest.mark.django_db
def test_turning_checkins_off_clears_the_next_slot_and_the_task_skips_them():
    user = _user_with_day("UTC", day=date(2026, 6, 1))
    now = datetime(2026, 6, 1, 7, tzinfo=UTC)
    checkin_schedule_update(user=user, times=[time(8)], frequency="daily", weekday=None, now=now)
    checkin_schedule_update(user=user, times=[time(8)], frequency="off", weekday=None, now=now)
    assert CheckinSchedule.objects.get(user=user).next_checkin_at is None
    assert checkins_send(now=now + timedelta(hours=2)) == {"advanced": 0, "written": 0}


@pytest.mark.django_db
def test_the_task_runs_the_service_now():
    user = _user_with_day("UTC", day=date(2026, 6, 1))
    checkin_schedule_update(
        user=user,
        times=[time(8)],
        frequency="daily",
        weekday=None,
        now=datetime(2026, 6, 1, 7, tzinfo=UTC),
    )
    with time_machine.travel(datetime(2026, 6, 1, 8, 0, 30, tzinfo=UTC), tick=False):
        assert checkins_send_task() == {"advanced": 1, "written": 1}
        assert checkins_send_task() == {"advanced": 0, "written": 0}


@pytest.mark.django_db
def test_a_batch_advance_moves_only_the_schedules_still_at_the_slot_it_read():
    """The batch's compare-and-set: a schedule another run already moved stays where it is."""
    now = datetime(2026, 6, 1, 9, tzinfo=KOLKATA)
    users = [_user_with_day("Asia/Kolkata", day=now.date()) for _ in range(2)]
    for user in users:
        checkin_schedule_update(
            user=user,
            times=[time(9)],
            frequency="daily",
            weekday=None,
            now=now - timedelta(hours=1),
        )
    fresh, stale = (CheckinSchedule.objects.get(user=user) for user in users)
    moved_by_another_run = now + timedelta(hours=3)
    CheckinSchedule.objects.filter(pk=stale.pk).update(next_checkin_at=moved_by_another_run)
    following = now + timedelta(days=1)
    moves = [(fresh.pk, fresh.next_checkin_at, following), (stale.pk, stale.next_checkin_at, None)]
    assert checkin_slots_advance(moves=moves) == [fresh.pk]
    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert (fresh.next_checkin_at, stale.next_checkin_at) == (following, moved_by_another_run)


@pytest.mark.django_db
def test_a_run_costs_the_same_statements_for_3_or_12_due_slots():
    def due_run(count: int) -> int:
        now = datetime(2026, 6, 1, 9, tzinfo=KOLKATA)
        users = [_user_with_day("Asia/Kolkata", day=now.date()) for _ in range(count)]
        for user in users:
            checkin_schedule_update(
                user=user,
                times=[time(9)],
                frequency="daily",
                weekday=None,
                now=now - timedelta(hours=1),
            )
        with CaptureQueriesContext(connection) as captured:
            assert checkins_send(now=now) == {"advanced": count, "written": count}
        Notification.objects.all().delete()
        CheckinSchedule.objects.all().delete()
        return len(captured)

    assert due_run(3) == due_run(12)
