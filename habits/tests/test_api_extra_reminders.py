"""`extra_reminders` on the habit API: validated against the habit's own time and grace
period, shown in the list and the detail alike, exported."""

import pytest
from django.urls import reverse

from habits.models import Habit
from tests_support import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("habit-list")
BODY = {
    "name": "Run",
    "action": "run 5 km",
    "place": "the park",
    "time_of_day": "18:00",
    "grace_minutes": 60,
    "reward_text": "a smoothie",
}


def detail(pk):
    return reverse("habit-detail", args=[pk])


def test_a_habit_has_no_extra_reminders_by_default(auth_client):
    created = auth_client.post(LIST, BODY, format="json").json()
    assert created["extra_reminders"] == []


def test_extra_reminders_are_saved_sorted_and_shown_everywhere(auth_client, user):
    created = auth_client.post(
        LIST, {**BODY, "extra_reminders": ["18:30", "09:00", "12:00"]}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["extra_reminders"] == ["09:00", "12:00", "18:30"]
    habit_id = created.json()["id"]
    assert Habit.objects.get(pk=habit_id).extra_reminders == "09:00,12:00,18:30"
    assert auth_client.get(detail(habit_id)).json()["extra_reminders"] == [
        "09:00",
        "12:00",
        "18:30",
    ]
    assert auth_client.get(LIST).json()["results"][0]["extra_reminders"] == [
        "09:00",
        "12:00",
        "18:30",
    ]
    patched = auth_client.patch(detail(habit_id), {"extra_reminders": []}, format="json")
    assert patched.json()["extra_reminders"] == []


@pytest.mark.parametrize(
    ("extras", "message"),
    [
        (["09:00", "10:00", "11:00", "12:00"], "At most 3"),
        (["09:00", "09:00"], "once"),
        (["9:00"], "HH:MM"),
        (["18:00"], "own time"),
        (["19:00"], "after the grace period"),
        (["23:00"], "after the grace period"),
        ("09:00", "list"),
    ],
)
def test_bad_extra_reminders_are_400(auth_client, extras, message):
    response = auth_client.post(LIST, {**BODY, "extra_reminders": extras}, format="json")
    error = assert_error(response, 400, "invalid", "extra_reminders")
    assert message in " ".join(error["fields"]["extra_reminders"])


def test_changing_the_time_rechecks_the_extra_reminders(auth_client):
    created = auth_client.post(LIST, {**BODY, "extra_reminders": ["17:30"]}, format="json").json()
    response = auth_client.patch(detail(created["id"]), {"time_of_day": "07:00"}, format="json")
    assert_error(response, 400, "invalid", "extra_reminders")


def test_a_grace_period_past_midnight_allows_any_other_time(auth_client):
    body = {**BODY, "time_of_day": "23:30", "extra_reminders": ["06:00", "23:45"]}
    assert auth_client.post(LIST, body, format="json").status_code == 201


def test_another_users_habit_is_404(auth_client, other_client):
    created = auth_client.post(LIST, BODY, format="json").json()
    response = other_client.patch(detail(created["id"]), {"extra_reminders": []}, format="json")
    assert_error(response, 404, "not_found")


def test_extra_reminders_need_auth(api_client):
    assert_error(api_client.post(LIST, BODY, format="json"), 401, "not_authenticated")


def test_the_export_includes_extra_reminders(auth_client):
    auth_client.post(LIST, {**BODY, "extra_reminders": ["09:00"]}, format="json")
    habits = auth_client.get(reverse("account-export")).json()["habits"]
    assert habits[0]["extra_reminders"] == ["09:00"]
