"""A note on a check-in: PATCH /instances/{id}/note/ by the owner, on any of their instances; the
note shows in /instances/today/ and the lists without another query, and in the export."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from habit_instances.models import NOTE_MAX_LENGTH, HabitInstance
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 7, 45, tzinfo=dt.UTC)


def note(pk):
    return reverse("instance-note", args=[pk])


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_owner_notes_an_instance_open_or_marked_and_today_shows_it(auth_client, user):
    today = HabitInstanceFactory(habit=HabitFactory(user=user))
    past = HabitInstanceFactory(
        habit=HabitFactory(user=user), date=dt.date(2026, 3, 1), status="missed"
    )
    response = auth_client.patch(note(today.pk), {"note": "felt easy"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["note"] == "felt easy" and response.json()["status"] == "scheduled"
    assert auth_client.patch(note(past.pk), {"note": "sick"}, format="json").status_code == 200
    (row,) = auth_client.get(reverse("instances-today")).json()["results"]
    assert row["note"] == "felt easy"
    listed = auth_client.get(reverse("habit-instances", args=[past.habit_id])).json()["results"]
    assert listed[0]["note"] == "sick"
    in_range = auth_client.get(
        reverse("instances-in-range"), {"date_from": "2026-03-01", "date_to": "2026-03-10"}
    ).json()
    assert [r["note"] for r in in_range] == ["sick", "felt easy"]
    assert HabitInstance.objects.get(pk=past.pk).status == "missed"  # a note changes no status


def test_an_empty_note_clears_it_and_the_export_carries_it(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    auth_client.patch(note(instance.pk), {"note": "first"}, format="json")
    exported = auth_client.get(reverse("account-export")).json()["habits"]
    assert exported[0]["instances"][0]["note"] == "first"
    assert auth_client.patch(note(instance.pk), {"note": ""}, format="json").json()["note"] == ""


def test_a_patch_without_the_note_changes_nothing(auth_client, user):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    auth_client.patch(note(instance.pk), {"note": "kept"}, format="json")
    response = auth_client.patch(note(instance.pk), {}, format="json")
    assert (response.status_code, response.json()["note"]) == (200, "kept")


@pytest.mark.parametrize(
    "payload", [{"note": 5}, {"note": None}, {"note": "x" * (NOTE_MAX_LENGTH + 1)}]
)
def test_bad_notes_are_a_400(auth_client, user, payload):
    instance = HabitInstanceFactory(habit=HabitFactory(user=user))
    assert_error(
        auth_client.patch(note(instance.pk), payload, format="json"), 400, "invalid", "note"
    )


def test_another_users_instance_is_404_and_unchanged(auth_client, other_user, api_client):
    theirs = HabitInstanceFactory(habit=HabitFactory(user=other_user))
    assert_error(
        auth_client.patch(note(theirs.pk), {"note": "mine?"}, format="json"), 404, "not_found"
    )
    assert_error(auth_client.patch(note(999_999), {"note": "x"}, format="json"), 404, "not_found")
    assert HabitInstance.objects.get(pk=theirs.pk).note == ""
    assert api_client.patch(note(theirs.pk), {"note": "x"}, format="json").status_code == 401
