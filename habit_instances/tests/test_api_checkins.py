"""The check-in endpoints of issue 12: /skip/, /undo/ and /habits/{id}/days/{date}/."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from habit_instances.models import HabitInstance
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

# The default factory instance: 2026-03-10 07:30 UTC, grace until 08:00, fix until 10:00.
NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)
YESTERDAY = "2026-03-09"


def skip(pk):
    return reverse("instance-skip", args=[pk])


def undo(pk):
    return reverse("instance-undo", args=[pk])


def complete(pk):
    return reverse("instance-complete", args=[pk])


def day(habit_id, date):
    return reverse("habit-day", args=[habit_id, date])


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_skip_marks_skipped_and_a_second_mark_is_409(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    response = auth_client.post(skip(instance.pk))
    assert response.status_code == 200
    assert response.json()["status"] == "skipped"
    assert_error(auth_client.post(skip(instance.pk)), 409, "instance_final")
    assert_error(auth_client.post(complete(instance.pk)), 409, "instance_final")


def test_skip_beyond_the_weekly_limit_is_409_and_leaves_the_instance_open(
    auth_client, user, settings
):
    settings.HABIT_SKIPS_PER_WEEK = 1
    habit = HabitFactory(user=user)
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="skipped")  # Monday
    instance = HabitInstanceFactory(habit=habit)  # Tuesday, same week
    error = assert_error(auth_client.post(skip(instance.pk)), 409, "skip_limit_reached")
    assert error["details"] == {"limit": 1, "week_start": "2026-03-09"}
    instance.refresh_from_db()
    assert instance.status == "scheduled"


def test_undo_reopens_the_instance_and_complete_works_again(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    auth_client.post(complete(instance.pk))
    response = auth_client.post(undo(instance.pk))
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["completed_at"]) == ("pending", None)
    assert body["habit"]["current_streak"] == 0
    assert auth_client.post(complete(instance.pk)).json()["status"] == "completed"


@pytest.mark.parametrize(
    ("status", "date", "code"),
    [
        ("scheduled", dt.date(2026, 3, 10), "nothing_to_undo"),
        ("fix_expired", dt.date(2026, 3, 9), "not_undoable"),
        ("completed", dt.date(2026, 3, 9), "fix_window_closed"),
    ],
)
def test_undo_refusals_are_409_with_a_code(auth_client, user, status, date, code):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user), status=status, date=date)
    assert_error(auth_client.post(undo(instance.pk)), 409, code)


@pytest.mark.parametrize("action", [skip, undo])
def test_another_users_instance_is_404(auth_client, other_user, action):
    instance = HabitInstanceFactory(habit=HabitFactory(user=other_user), status="completed")
    assert_error(auth_client.post(action(instance.pk)), 404, "not_found")


@pytest.mark.parametrize("action", [skip, undo])
def test_marks_answer_in_a_constant_number_of_queries(
    auth_client, user, django_assert_num_queries, action
):
    habit = HabitFactory(user=user)
    for n in range(1, 9):
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, n), status="completed")
    instance = HabitInstanceFactory(habit=habit, status="skipped" if action is undo else "pending")
    # user; instance with habit; (skip: the week's count); UPDATE; read back; (undo: the reminder
    # owed to the reopened instance, in its savepoint: INSERT ... ON CONFLICT, the channels'
    # user row, its email delivery — the default channel without a bot); the answer row; savepoints
    with django_assert_num_queries(8 if action is skip else 12):
        assert auth_client.post(action(instance.pk)).status_code == 200


def test_put_a_past_day_creates_a_recorded_instance(auth_client, user):
    habit = HabitFactory(user=user)
    response = auth_client.put(day(habit.pk, YESTERDAY), {"status": "completed"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["date"], body["status"], body["recorded_late"]) == (YESTERDAY, "completed", True)
    assert body["scheduled_at"] == "2026-03-09T07:30:00Z"


def test_put_corrects_an_existing_day(auth_client, user):
    habit = HabitFactory(user=user)
    instance = HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="fix_expired")
    response = auth_client.put(day(habit.pk, YESTERDAY), {"status": "missed"}, format="json")
    assert response.json()["id"] == instance.pk
    instance.refresh_from_db()
    assert (instance.status, instance.recorded_late) == ("missed", True)


@pytest.mark.parametrize(
    ("date", "body", "field"),
    [
        ("2026-03-10", {"status": "completed"}, "date"),  # today
        ("2026-03-11", {"status": "completed"}, "date"),  # the future
        ("2026-03-02", {"status": "completed"}, "date"),  # 8 days back
        ("2025-12-31", {"status": "completed"}, "date"),  # before the start date
        ("2026-02-30", {"status": "completed"}, "date"),  # no such day
        ("yesterday", {"status": "completed"}, "date"),
        (YESTERDAY, {"status": "fix_expired"}, "status"),
        (YESTERDAY, {}, "status"),
    ],
)
def test_put_bad_days_and_bodies_are_400_naming_the_field(auth_client, user, date, body, field):
    habit = HabitFactory(user=user, start_date=dt.date(2026, 1, 1))
    assert_error(auth_client.put(day(habit.pk, date), body, format="json"), 400, "invalid", field)
    assert not HabitInstance.objects.exists()


def test_put_on_a_day_the_habit_is_not_due_is_400(auth_client, user):
    habit = HabitFactory(user=user, start_date=dt.date(2026, 3, 1), periodicity_days=7)
    error = assert_error(
        auth_client.put(day(habit.pk, YESTERDAY), {"status": "completed"}, format="json"),
        400,
        "invalid",
        "date",
    )
    assert "not due" in error["fields"]["date"][0]


def test_an_existing_day_stays_correctable_after_the_schedule_changed(auth_client, user):
    habit = HabitFactory(user=user, start_date=dt.date(2026, 3, 1), periodicity_days=7)
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), status="fix_expired")
    response = auth_client.put(day(habit.pk, YESTERDAY), {"status": "completed"}, format="json")
    assert response.json()["status"] == "completed"


def test_put_a_list_body_is_400(auth_client, user):
    habit = HabitFactory(user=user)
    response = auth_client.put(day(habit.pk, YESTERDAY), ["completed"], format="json")
    assert_error(response, 400, "invalid", "status")


def test_put_skipped_beyond_the_weekly_limit_is_409(auth_client, user, settings):
    settings.HABIT_SKIPS_PER_WEEK = 0
    habit = HabitFactory(user=user)
    response = auth_client.put(day(habit.pk, YESTERDAY), {"status": "skipped"}, format="json")
    assert_error(response, 409, "skip_limit_reached")


def test_delete_clears_only_a_recorded_day(auth_client, user):
    habit = HabitFactory(user=user)
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 8), status="fix_expired")
    auth_client.put(day(habit.pk, YESTERDAY), {"status": "completed"}, format="json")
    assert auth_client.delete(day(habit.pk, YESTERDAY)).status_code == 204
    assert not HabitInstance.objects.filter(date=dt.date(2026, 3, 9)).exists()
    assert_error(auth_client.delete(day(habit.pk, YESTERDAY)), 404, "not_found")
    assert_error(auth_client.delete(day(habit.pk, "2026-03-08")), 409, "not_recorded_late")
    assert_error(auth_client.delete(day(habit.pk, "2026-03-10")), 400, "invalid", "date")


@pytest.mark.parametrize("method", ["put", "delete"])
def test_another_users_habit_day_is_404(auth_client, other_user, method):
    habit = HabitFactory(user=other_user)
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), recorded_late=True)
    response = getattr(auth_client, method)(
        day(habit.pk, YESTERDAY), {"status": "completed"}, format="json"
    )
    assert_error(response, 404, "not_found")
    assert HabitInstance.objects.get().status == "scheduled"


def test_put_answers_in_a_constant_number_of_queries(auth_client, user, django_assert_num_queries):
    habit = HabitFactory(user=user)
    for n in range(1, 9):
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 2, n), status="completed")
    # user (first request only: then its cached snapshot); habit; the day's instance; INSERT (in
    # its own savepoint); the answer row; savepoints
    with django_assert_num_queries(9):
        auth_client.put(day(habit.pk, YESTERDAY), {"status": "completed"}, format="json")
    # the day exists now: an UPDATE, no savepoint of its own; and rewards' look for a live
    # completion's coins to take back (a recorded day corrected to not done)
    with django_assert_num_queries(7):
        auth_client.put(day(habit.pk, YESTERDAY), {"status": "missed"}, format="json")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/instances/1/skip/"),
        ("post", "/api/instances/1/undo/"),
        ("put", f"/api/habits/1/days/{YESTERDAY}/"),
        ("delete", f"/api/habits/1/days/{YESTERDAY}/"),
    ],
)
def test_no_auth_is_401(api_client, method, path):
    assert_error(getattr(api_client, method)(path), 401, "not_authenticated")


def test_delete_answers_in_a_constant_number_of_queries(
    auth_client, user, django_assert_num_queries
):
    habit = HabitFactory(user=user)
    for n in range(1, 9):
        HabitInstanceFactory(habit=habit, date=dt.date(2026, 2, n), status="completed")
    HabitInstanceFactory(habit=habit, date=dt.date(2026, 3, 9), recorded_late=True)
    # user; habit; the day's instance; DELETE; savepoints
    with django_assert_num_queries(6):
        assert auth_client.delete(day(habit.pk, YESTERDAY)).status_code == 204
