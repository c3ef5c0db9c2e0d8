"""GET/PUT /api/settings/notifications/frequency/: the check-in slots."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from notifications.models import CheckinSchedule
from tests_support import assert_error, client_for

pytestmark = pytest.mark.django_db

FREQUENCY = reverse("notification-frequency")
NOW = datetime(2027, 6, 7, 10, 0, tzinfo=UTC)  # a Monday, after the tokens are issued


def test_the_default_is_off_with_no_slots(auth_client):
    assert auth_client.get(FREQUENCY).json() == {
        "times": [],
        "frequency": "off",
        "weekday": None,
        "next_checkin_at": None,
    }


def test_daily_slots_are_saved_sorted_with_the_next_one(auth_client, user):
    with time_machine.travel(NOW, tick=False):
        saved = client_for(user).put(
            FREQUENCY,
            {"times": ["17:00", "05:00", "12:00"], "frequency": "daily", "weekday": 3},
            format="json",
        )
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["times"] == ["05:00", "12:00", "17:00"]
    assert body["weekday"] is None  # only weekly keeps a weekday
    assert body["next_checkin_at"] == "2027-06-07T12:00:00Z"  # the user's zone is UTC
    assert auth_client.get(FREQUENCY).json() == body


def test_weekly_needs_a_weekday(auth_client, user):
    response = auth_client.put(
        FREQUENCY, {"times": ["09:00"], "frequency": "weekly"}, format="json"
    )
    assert_error(response, 400, "invalid", "weekday")
    with time_machine.travel(NOW, tick=False):  # on a Monday
        saved = (
            client_for(user)
            .put(
                FREQUENCY, {"times": ["09:00"], "frequency": "weekly", "weekday": 6}, format="json"
            )
            .json()
        )
    assert saved["weekday"] == 6
    assert saved["next_checkin_at"] == "2027-06-13T09:00:00Z"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"times": [], "frequency": "daily"}, "times"),
        ({"times": ["9:00"], "frequency": "daily"}, "times"),
        ({"times": ["24:00"], "frequency": "daily"}, "times"),
        ({"times": ["09:00:00"], "frequency": "daily"}, "times"),
        ({"times": ["09:00", "09:00"], "frequency": "daily"}, "times"),
        ({"times": [f"0{n}:00" for n in range(7)], "frequency": "daily"}, "times"),
        ({"times": "09:00", "frequency": "daily"}, "times"),
        ({"times": ["09:00"], "frequency": "hourly"}, "frequency"),
        ({"times": ["09:00"], "frequency": "weekly", "weekday": 7}, "weekday"),
        ({"times": ["09:00"]}, "frequency"),
    ],
)
def test_bad_settings_are_400_with_the_field(auth_client, body, field):
    assert_error(auth_client.put(FREQUENCY, body, format="json"), 400, "invalid", field)
    assert not CheckinSchedule.objects.exists()


def test_off_keeps_the_times_and_has_no_next_slot(auth_client):
    auth_client.put(FREQUENCY, {"times": ["09:00"], "frequency": "daily"}, format="json")
    body = auth_client.put(
        FREQUENCY, {"times": ["09:00"], "frequency": "off"}, format="json"
    ).json()
    assert body == {
        "times": ["09:00"],
        "frequency": "off",
        "weekday": None,
        "next_checkin_at": None,
    }


def test_each_user_has_their_own_slots(auth_client, other_client):
    auth_client.put(FREQUENCY, {"times": ["09:00"], "frequency": "daily"}, format="json")
    assert other_client.get(FREQUENCY).json()["times"] == []


@pytest.mark.parametrize("method", ["get", "put"])
def test_frequency_needs_auth(api_client, method):
    assert_error(getattr(api_client, method)(FREQUENCY), 401, "not_authenticated")


def test_export_and_wipe_include_the_checkin_schedule(auth_client, user):
    auth_client.put(
        FREQUENCY, {"times": ["07:30"], "frequency": "weekly", "weekday": 0}, format="json"
    )
    export = auth_client.get(reverse("account-export")).json()["checkin_schedule"]
    assert export == {"times": ["07:30"], "frequency": "weekly", "weekday": 0}
    auth_client.delete(reverse("account-data"))
    assert not CheckinSchedule.objects.filter(user=user).exists()
