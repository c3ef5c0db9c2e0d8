"""The habit API's schedule kinds, pauses and archive (issue 12, items 1, 2 and 6)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from habit_instances.models import HabitInstance, InstanceStatus
from habit_instances.tests.factories import HabitInstanceFactory
from habits.data_version import habit_data_changed
from habits.models import Habit
from habits.tests.factories import HabitFactory, PleasantHabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("habit-list")
BODY = {
    "name": "Run",
    "action": "run 2 km",
    "place": "park",
    "time_of_day": "18:00",
    "reward_text": "smoothie",
}
# A Wednesday, 09:00 UTC (the factory's users live in UTC unless told otherwise).
NOW = dt.datetime(2026, 6, 17, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def auth_client(auth_client):
    auth_client.default_format = "json"
    return auth_client


@pytest.fixture
def api_client(api_client):
    api_client.default_format = "json"
    return api_client


def _url(name, habit):
    return reverse(f"habit-{name}", args=[habit.pk if isinstance(habit, Habit) else habit])


# --- schedules ---------------------------------------------------------------------------


def test_a_weekdays_habit_shows_its_weekdays_sorted(auth_client):
    body = auth_client.post(LIST, {**BODY, "schedule": "weekdays", "weekdays": [4, 0, 2]}).json()
    assert (body["schedule"], body["weekdays"], body["times_per_week"]) == (
        "weekdays",
        [0, 2, 4],
        None,
    )
    assert Habit.objects.get(pk=body["id"]).weekdays == 0b10101


@pytest.mark.parametrize(
    ("weekdays", "why"),
    [
        ([], "empty"),
        ([7], "out of range"),
        ([-1], "out of range"),
        ([1, 1], "duplicated"),
        (["1"], "not a number"),
        ([True], "a boolean is no weekday"),
        ("0,2", "not a list"),
        (None, "null"),
    ],
)
def test_invalid_weekdays_are_a_field_error(auth_client, weekdays, why):
    response = auth_client.post(LIST, {**BODY, "schedule": "weekdays", "weekdays": weekdays})
    assert_error(response, 400, "invalid", field="weekdays")
    assert not Habit.objects.exists(), why


def test_a_weekdays_schedule_without_weekdays_is_a_field_error(auth_client):
    assert_error(
        auth_client.post(LIST, {**BODY, "schedule": "weekdays"}),
        400,
        "invalid",
        "weekdays",
    )


@pytest.mark.parametrize("times", [None, 0, 7, "x"])
def test_times_per_week_missing_or_out_of_range_is_a_field_error(auth_client, times):
    body = {**BODY, "schedule": "times_per_week"}
    if times is not None:
        body["times_per_week"] = times
    response = auth_client.post(LIST, body)
    assert_error(response, 400, "invalid", field="times_per_week")


def test_an_unknown_schedule_is_a_field_error(auth_client):
    response = auth_client.post(LIST, {**BODY, "schedule": "monthly"})
    assert_error(response, 400, "invalid", field="schedule")


def test_fields_of_another_schedule_kind_are_cleared(auth_client, user):
    created = auth_client.post(
        LIST, {**BODY, "schedule": "times_per_week", "times_per_week": 3, "weekdays": [1]}
    ).json()
    assert (created["times_per_week"], created["weekdays"]) == (3, [])
    changed = auth_client.patch(
        reverse("habit-detail", args=[created["id"]]),
        {"schedule": "weekdays", "weekdays": [5, 6]},
    ).json()
    assert (changed["schedule"], changed["weekdays"], changed["times_per_week"]) == (
        "weekdays",
        [5, 6],
        None,
    )
    back = auth_client.patch(
        reverse("habit-detail", args=[created["id"]]), {"schedule": "every_n_days"}
    ).json()
    assert (back["weekdays"], back["times_per_week"], back["periodicity_days"]) == ([], None, 1)


def test_a_patch_to_weekdays_needs_weekdays_on_the_merged_habit(auth_client, user):
    habit = HabitFactory(user=user)
    response = auth_client.patch(reverse("habit-detail", args=[habit.pk]), {"schedule": "weekdays"})
    assert_error(response, 400, "invalid", field="weekdays")


def test_the_list_shows_the_schedule_fields_as_the_detail_does(auth_client, user):
    HabitFactory(user=user, schedule="weekdays", weekdays=0b1000001, time_of_day=dt.time(6))
    HabitFactory(user=user, schedule="times_per_week", times_per_week=2, time_of_day=dt.time(7))
    HabitFactory(
        user=user,
        paused_from=TODAY,
        paused_until=TODAY + dt.timedelta(days=3),
        time_of_day=dt.time(8),
    )
    listed = auth_client.get(LIST).json()["results"]
    assert [
        auth_client.get(reverse("habit-detail", args=[h["id"]])).json() for h in listed
    ] == listed
    assert [h["weekdays"] for h in listed] == [[0, 6], [], []]


# --- pause and resume --------------------------------------------------------------------


def test_pause_sets_the_dates_and_resume_clears_them(auth_client, user):
    habit = HabitFactory(user=user)
    until = TODAY + dt.timedelta(days=7)
    body = auth_client.post(_url("pause", habit), {"from": str(TODAY), "until": str(until)}).json()
    assert (body["paused_from"], body["paused_until"]) == (str(TODAY), str(until))
    assert body["next_due_date"] == str(until + dt.timedelta(days=1))
    body = auth_client.post(_url("resume", habit)).json()
    assert (body["paused_from"], body["paused_until"]) == (None, None)


def test_an_open_ended_pause_has_no_next_due_date(auth_client, user):
    habit = HabitFactory(user=user)
    body = auth_client.post(_url("pause", habit), {"from": str(TODAY), "until": None}).json()
    assert (body["paused_until"], body["next_due_date"]) == (None, None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "from"),
        ({"from": "tomorrow"}, "from"),
        ({"from": str(TODAY - dt.timedelta(days=1))}, "from"),
        ({"from": str(TODAY), "until": str(TODAY - dt.timedelta(days=1))}, "until"),
        ({"from": str(TODAY), "until": "soon"}, "until"),
    ],
)
def test_an_invalid_pause_is_a_field_error(auth_client, user, body, field):
    habit = HabitFactory(user=user)
    assert_error(auth_client.post(_url("pause", habit), body), 400, "invalid", field)
    habit.refresh_from_db()
    assert habit.paused_from is None


def test_a_running_pause_may_get_an_end_though_it_began_before_today(auth_client, user):
    began = TODAY - dt.timedelta(days=3)
    habit = HabitFactory(user=user, paused_from=began)
    until = TODAY + dt.timedelta(days=2)
    body = auth_client.post(_url("pause", habit), {"from": str(began), "until": str(until)}).json()
    assert (body["paused_from"], body["paused_until"]) == (str(began), str(until))


def test_pausing_today_removes_todays_open_instance_and_resuming_brings_it_back(auth_client, user):
    habit = HabitFactory(user=user, time_of_day=dt.time(18))
    assert HabitInstance.objects.filter(habit=habit).count() == 0  # the factory announces nothing
    auth_client.post(_url("resume", habit))  # any save syncs today's instance
    assert HabitInstance.objects.filter(habit=habit, date=TODAY).exists()
    auth_client.post(_url("pause", habit), {"from": str(TODAY)})
    assert not HabitInstance.objects.filter(habit=habit).exists()
    auth_client.post(_url("resume", habit))
    assert HabitInstance.objects.get(habit=habit).date == TODAY


def test_pausing_keeps_final_instances(auth_client, user):
    habit = HabitFactory(user=user, time_of_day=dt.time(6))
    done = HabitInstanceFactory(habit=habit, date=TODAY, status=InstanceStatus.COMPLETED)
    auth_client.post(_url("pause", habit), {"from": str(TODAY)})
    assert list(HabitInstance.objects.filter(habit=habit)) == [done]


# --- archive -----------------------------------------------------------------------------


def test_archived_habits_leave_the_list_unless_asked_for(auth_client, user):
    kept = HabitFactory(user=user)
    gone = HabitFactory(user=user)
    body = auth_client.post(_url("archive", gone)).json()
    assert (body["is_archived"], body["next_due_date"]) == (True, None)
    assert [h["id"] for h in auth_client.get(LIST).json()["results"]] == [kept.pk]
    assert [h["id"] for h in auth_client.get(LIST, {"archived": "false"}).json()["results"]] == [
        kept.pk
    ]
    assert [h["id"] for h in auth_client.get(LIST, {"archived": "true"}).json()["results"]] == [
        gone.pk
    ]
    # history and stats stay readable
    assert auth_client.get(reverse("habit-detail", args=[gone.pk])).status_code == 200
    assert auth_client.get(reverse("habit-stats", args=[gone.pk])).status_code == 200
    body = auth_client.post(_url("unarchive", gone)).json()
    assert body["is_archived"] is False
    assert len(auth_client.get(LIST).json()["results"]) == 2


def test_an_archived_habit_leaves_today(auth_client, user):
    habit = HabitFactory(user=user, time_of_day=dt.time(18))
    auth_client.post(_url("unarchive", habit))
    assert auth_client.get(reverse("instances-today")).json()["count"] == 1
    auth_client.post(_url("archive", habit))
    assert auth_client.get(reverse("instances-today")).json()["count"] == 0


def test_an_archived_filter_value_other_than_true_or_false_is_a_400(auth_client):
    assert_error(auth_client.get(LIST, {"archived": "yes"}), 400, "invalid", "archived")


def test_a_pleasant_habit_others_use_cannot_be_archived(auth_client, user):
    pleasant = PleasantHabitFactory(user=user)
    HabitFactory(user=user, reward_text="", related_pleasant_habit=pleasant)
    assert_error(auth_client.post(_url("archive", pleasant)), 409, "habit_has_dependents")


def test_an_archived_pleasant_habit_cannot_become_a_reward(auth_client, user):
    pleasant = PleasantHabitFactory(user=user, is_archived=True)
    response = auth_client.post(
        LIST, {**BODY, "reward_text": "", "related_pleasant_habit": pleasant.pk}
    )
    assert_error(response, 400, "invalid", "related_pleasant_habit")


# --- who may ----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["pause", "resume", "archive", "unarchive"])
def test_another_users_habit_is_a_404_and_no_auth_a_401(
    auth_client, api_client, other_user, action
):
    habit = HabitFactory(user=other_user)
    body = {"from": str(TODAY)}
    assert_error(auth_client.post(_url(action, habit), body), 404, "not_found")
    assert_error(auth_client.post(_url(action, 2**70), body), 404, "not_found")
    assert api_client.post(_url(action, habit), body).status_code == 401
    habit.refresh_from_db()
    assert (habit.paused_from, habit.is_archived) == (None, False)


def test_a_copy_keeps_the_schedule_but_not_the_pause_or_archive(auth_client, other_user):
    source = HabitFactory(
        user=other_user,
        is_public=True,
        schedule="times_per_week",
        times_per_week=4,
        paused_from=TODAY,
    )
    copy = auth_client.post(reverse("habit-detail", args=[source.pk]) + "copy/").json()
    assert (copy["schedule"], copy["times_per_week"], copy["paused_from"]) == (
        "times_per_week",
        4,
        None,
    )


def test_pausing_removes_tomorrows_early_instance_too(auth_client, user):
    """The beat creates tomorrow's instance minutes before midnight; a pause from tomorrow
    takes it away again, while today's stays."""
    habit = HabitFactory(user=user, time_of_day=dt.time(23, 59))
    tomorrow = TODAY + dt.timedelta(days=1)
    HabitInstanceFactory(habit=habit, date=TODAY)
    HabitInstanceFactory(habit=habit, date=tomorrow)
    auth_client.post(_url("pause", habit), {"from": str(tomorrow)})
    assert list(HabitInstance.objects.filter(habit=habit).values_list("date", flat=True)) == [TODAY]


def test_the_admin_shows_the_pause_and_the_archive_without_editing_them(admin_client, user):
    habit = HabitFactory(user=user, paused_from=TODAY, is_archived=True)
    page = admin_client.get(reverse("admin:habits_habit_change", args=[habit.pk]))
    assert page.status_code == 200
    assert b'name="paused_from"' not in page.content and b"Paused from" in page.content


def test_the_list_stays_one_query_with_schedules_pauses_and_history(
    auth_client, user, django_assert_num_queries
):
    """The page's rows bring every row's next due date: no query per row, whatever the kinds
    and instances (the user comes from its cached snapshot after the first request, which also
    selects it)."""

    def add_habits():
        for kind in [
            {},
            {"schedule": "weekdays", "weekdays": 0b0010101},
            {"schedule": "times_per_week", "times_per_week": 2},
            {"paused_from": TODAY, "paused_until": TODAY + dt.timedelta(days=2)},
        ]:
            habit = HabitFactory(user=user, **kind)
            HabitInstanceFactory(habit=habit, date=TODAY, status=InstanceStatus.COMPLETED)
            HabitInstanceFactory(habit=habit, date=TODAY - dt.timedelta(days=1))

    add_habits()
    with django_assert_num_queries(2):  # the user's row too, on its first request
        first = auth_client.get(LIST).json()
    add_habits()
    add_habits()
    habit_data_changed(user_ids=[user.pk])  # what the services do; the factories write directly
    with django_assert_num_queries(1):
        again = auth_client.get(LIST).json()
    assert len(first["results"]) == 4 and len(again["results"]) == 12
    assert all(h["next_due_date"] for h in again["results"])
