from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from goals.models import GoalReminder
from goals.tests.factories import GoalFactory
from tests_support import assert_error, client_for

pytestmark = pytest.mark.django_db

# 08:00 in Berlin (the user factory's zone is set per test)
NOW = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
BODY = {"remind_time": "09:00", "every_n_days": 2, "active": True}


def url(pk):
    return reverse("goal-reminder", args=[pk])


@pytest.fixture
def goal(user):
    user.timezone = "Europe/Berlin"
    user.save()
    return GoalFactory(user=user)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_goal_without_a_reminder_shows_the_inactive_defaults(auth_client, goal):
    response = auth_client.get(url(goal.pk))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "remind_time": "09:00",
        "every_n_days": 1,
        "active": False,
        "next_reminder_at": None,
    }
    assert not GoalReminder.objects.exists()


def test_put_sets_the_reminder_and_get_shows_it(auth_client, goal):
    response = auth_client.put(url(goal.pk), BODY, format="json")
    assert response.status_code == 200, response.content
    expected = {**BODY, "next_reminder_at": "2026-06-01T07:00:00Z"}  # today, 09:00 CEST
    assert response.json() == expected
    assert auth_client.get(url(goal.pk)).json() == expected
    reminder = GoalReminder.objects.get(goal=goal)
    assert (reminder.remind_time, reminder.anchor_date) == (time(9, 0), date(2026, 6, 1))


def test_seconds_of_zero_are_accepted(auth_client, goal):
    response = auth_client.put(url(goal.pk), {**BODY, "remind_time": "09:00:00"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["remind_time"] == "09:00"


def test_a_time_already_passed_today_starts_on_the_next_day(auth_client, goal):
    response = auth_client.put(url(goal.pk), {**BODY, "remind_time": "07:30"}, format="json")
    assert response.json()["next_reminder_at"] == "2026-06-02T05:30:00Z"


def test_repeating_a_put_keeps_the_schedule_and_a_change_restarts_it(auth_client, goal):
    auth_client.put(url(goal.pk), BODY, format="json")
    with time_machine.travel(datetime(2026, 6, 2, 6, 0, tzinfo=UTC), tick=False):
        auth_client = client_for(goal.user)  # a token of that day
        same = auth_client.put(url(goal.pk), BODY, format="json").json()
        assert same["next_reminder_at"] == "2026-06-03T07:00:00Z"  # every other day from 1 June
        changed = auth_client.put(url(goal.pk), {**BODY, "every_n_days": 3}, format="json")
        assert changed.json()["next_reminder_at"] == "2026-06-02T07:00:00Z"  # from today
    assert GoalReminder.objects.get(goal=goal).anchor_date == date(2026, 6, 2)


def test_switched_off_it_has_no_next_reminder(auth_client, goal):
    response = auth_client.put(url(goal.pk), {**BODY, "active": False}, format="json")
    assert response.json()["active"] is False
    assert response.json()["next_reminder_at"] is None


@pytest.mark.parametrize(
    "changes",
    [
        {"completed_at": NOW, "progress": 100},
        {"is_archived": True, "archived_at": NOW},
        {"deadline": date(2026, 5, 31)},
    ],
)
def test_no_next_reminder_for_a_closed_goal(auth_client, goal, changes):
    auth_client.put(url(goal.pk), BODY, format="json")
    type(goal).objects.filter(pk=goal.pk).update(**changes)
    assert auth_client.get(url(goal.pk)).json()["next_reminder_at"] is None


def test_the_next_reminder_is_not_after_the_deadline(auth_client, goal):
    goal.deadline = date(2026, 6, 2)
    goal.save()
    auth_client.put(url(goal.pk), {**BODY, "remind_time": "07:30"}, format="json")
    assert auth_client.get(url(goal.pk)).json()["next_reminder_at"] == "2026-06-02T05:30:00Z"
    # every other day from 2 June: the next is 4 June, after the deadline
    with time_machine.travel(datetime(2026, 6, 2, 6, 0, tzinfo=UTC), tick=False):
        auth_client = client_for(goal.user)  # a token of that day
        assert auth_client.get(url(goal.pk)).json()["next_reminder_at"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "remind_time"),
        ({**BODY, "remind_time": "25:00"}, "remind_time"),
        ({**BODY, "remind_time": "9am"}, "remind_time"),
        ({**BODY, "remind_time": None}, "remind_time"),
        ({**BODY, "remind_time": "09:00:30"}, "remind_time"),
        ({**BODY, "remind_time": "09:00+05:00"}, "remind_time"),
        ({**BODY, "remind_time": 900}, "remind_time"),
        ({**BODY, "every_n_days": "2"}, "every_n_days"),
        ({**BODY, "every_n_days": True}, "every_n_days"),
        ({**BODY, "every_n_days": 0}, "every_n_days"),
        ({**BODY, "every_n_days": 5}, "every_n_days"),
        ({**BODY, "every_n_days": None}, "every_n_days"),
        ({**BODY, "active": "sometimes"}, "active"),
        ({"remind_time": "09:00", "every_n_days": 1}, "active"),
    ],
)
def test_bad_input_is_400_with_field_errors(auth_client, goal, body, field):
    assert_error(auth_client.put(url(goal.pk), body, format="json"), 400, "invalid", field)
    assert not GoalReminder.objects.exists()


def test_a_body_that_is_not_json_is_400(auth_client, goal):
    response = auth_client.put(url(goal.pk), "{", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_another_users_goal_is_404(auth_client, other_user):
    foreign = GoalFactory(user=other_user)
    assert_error(auth_client.get(url(foreign.pk)), 404, "not_found")
    assert_error(auth_client.put(url(foreign.pk), BODY, format="json"), 404, "not_found")
    assert_error(auth_client.put(url(foreign.pk), {}, format="json"), 404, "not_found")
    assert not GoalReminder.objects.exists()


def test_a_missing_goal_is_404(auth_client):
    assert_error(auth_client.get(url(999999)), 404, "not_found")


@pytest.mark.parametrize("method", ["get", "put"])
def test_no_auth_is_401(api_client, goal, method):
    assert_error(getattr(api_client, method)(url(goal.pk)), 401, "not_authenticated")


def test_deleting_the_goal_deletes_its_reminder(auth_client, goal):
    auth_client.put(url(goal.pk), BODY, format="json")
    assert auth_client.delete(reverse("goal-detail", args=[goal.pk])).status_code == 204
    assert not GoalReminder.objects.exists()


def test_the_account_export_lists_the_reminder_and_the_wipe_removes_it(auth_client, goal):
    auth_client.put(url(goal.pk), BODY, format="json")
    exported = auth_client.get(reverse("account-export")).json()["goals"]
    assert exported[0]["reminder"] == {
        "remind_time": "09:00",
        "every_n_days": 2,
        "active": True,
        "anchor_date": "2026-06-01",
        "last_sent_for": None,
    }
    assert auth_client.delete(reverse("account-data")).status_code == 204
    assert not GoalReminder.objects.exists()
