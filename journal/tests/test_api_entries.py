"""The journal entries API: create with defaults, read, filter, page, edit, delete; the one error
shape; owners only; a list whose query count does not grow; notes rendered safely."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import JournalEntry
from journal.tests.factories import JournalEntryFactory, JournalTagFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("journal-entry-list")


def detail(pk):
    return reverse("journal-entry-detail", args=[pk])


def test_create_defaults_to_today_and_now_in_the_users_zone(auth_client, user, journal_events):
    user.timezone = "Asia/Kolkata"
    user.save()
    response = auth_client.post(
        LIST, {"mood": 4, "energy": 2, "note": "Ran **5 km**", "tags": ["Run"]}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    local = timezone.now().astimezone(ZoneInfo("Asia/Kolkata"))
    assert body["date"] == local.date().isoformat()
    assert body["mood"] == 4 and body["energy"] == 2 and body["tags"] == ["Run"]
    assert body["note_html"] == "<p>Ran <strong>5 km</strong></p>"
    assert body["photos"] == []
    assert journal_events == [(user.pk, [date.fromisoformat(body["date"])])]


def test_note_html_is_sanitised(auth_client):
    note = "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))"
    body = auth_client.post(LIST, {"mood": 3, "note": note}, format="json").json()
    assert "script" not in body["note_html"] and "onerror" not in body["note_html"]
    assert "javascript:" not in body["note_html"] and "<img" not in body["note_html"]
    assert body["note"] == note  # the markdown is kept as written


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "mood"),
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": "great"}, "mood"),
        ({"mood": 3, "energy": 9}, "energy"),
        ({"mood": 3, "date": "2026-02-30"}, "date"),
        ({"mood": 3, "time": "25:00"}, "time"),
        ({"mood": 3, "note": "x" * 10_001}, "note"),
        ({"mood": 3, "tags": ["x" * 41]}, "tags"),
        ({"mood": 3, "tags": "walk"}, "tags"),
        ({"mood": 3, "date": "2999-01-01"}, "date"),
    ],
)
def test_bad_input_is_a_400_with_field_errors(auth_client, payload, field):
    assert_error(auth_client.post(LIST, payload, format="json"), 400, "invalid", field)
    assert not JournalEntry.objects.exists()


def test_without_a_token_it_is_401(api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.post(LIST, {"mood": 3}, format="json").status_code == 401


def test_another_users_entry_is_404_everywhere(auth_client, other_user):
    theirs = JournalEntryFactory(user=other_user, mood=2)
    assert_error(auth_client.get(detail(theirs.pk)), 404, "not_found")
    assert_error(auth_client.patch(detail(theirs.pk), {"mood": 5}, format="json"), 404, "not_found")
    assert_error(auth_client.delete(detail(theirs.pk)), 404, "not_found")
    assert JournalEntry.objects.get(pk=theirs.pk).mood == 2
    assert auth_client.get(LIST).json()["count"] == 0


def test_patch_changes_only_what_is_given_and_tags_replace(auth_client, user):
    entry = auth_client.post(
        LIST, {"mood": 2, "note": "meh", "tags": ["work", "rain"]}, format="json"
    ).json()
    response = auth_client.patch(detail(entry["id"]), {"mood": 4, "tags": ["Rain"]}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["mood"], body["note"], body["tags"]) == (4, "meh", ["rain"])
    assert auth_client.get(detail(entry["id"])).json() == body


def test_delete(auth_client, user):
    entry = JournalEntryFactory(user=user)
    assert auth_client.delete(detail(entry.pk)).status_code == 204
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()


def test_filters_by_date_range_tag_and_mood(auth_client, user):
    walk = JournalTagFactory(user=user, name="Walk")
    day = date(2026, 3, 10)
    inside = JournalEntryFactory(user=user, date=day, mood=5)
    inside.tags.add(walk)
    JournalEntryFactory(user=user, date=day, mood=2)
    JournalEntryFactory(user=user, date=day - timedelta(days=1), mood=5).tags.add(walk)

    def ids(query):
        response = auth_client.get(LIST, query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert len(ids({"from": "2026-03-10", "to": "2026-03-10"})) == 2
    assert ids({"from": "2026-03-10", "tag": "walk", "mood": 5}) == [inside.pk]
    assert len(ids({"tag": "WALK"})) == 2
    assert ids({"tag": "nothing"}) == []


@pytest.mark.parametrize(
    "query, field", [({"mood": "9"}, "mood"), ({"from": "soon"}, "from"), ({"moood": "1"}, "moood")]
)
def test_bad_filters_are_a_400(auth_client, query, field):
    assert_error(auth_client.get(LIST, query), 400, "invalid", field)


def test_the_list_is_paginated_newest_first(auth_client, user):
    for offset in range(25):
        JournalEntryFactory(user=user, date=date(2026, 1, 1) + timedelta(days=offset))
    body = auth_client.get(LIST).json()
    assert body["count"] == 25 and len(body["results"]) == 20 and body["next"]
    assert body["results"][0]["date"] == "2026-01-25"


@pytest.mark.parametrize("rows", [1, 5, 21])
def test_list_query_count_does_not_grow(auth_client, user, rows, django_assert_num_queries):
    tags = JournalTagFactory.create_batch(2, user=user)
    for entry in JournalEntryFactory.create_batch(rows, user=user):
        entry.tags.set(tags)
    # the user, the page, its tags, its photos; a full page with more behind it: the count
    expected = 5 if rows > 20 else 4
    with django_assert_num_queries(expected):
        response = auth_client.get(LIST)
    assert response.status_code == 200
    assert all(len(row["tags"]) == 2 for row in response.json()["results"])
