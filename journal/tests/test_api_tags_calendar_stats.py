"""Tags (unique per user case-insensitively: a clear 400), the year in pixels and the stats."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import JournalTag
from journal.tests.factories import JournalEntryFactory, JournalTagFactory
from tests_support import assert_error
from users.timezones import local_today

pytestmark = pytest.mark.django_db

TAGS = reverse("journal-tag-list")
CALENDAR = reverse("journal-calendar")
STATS = reverse("journal-stats")


def tag(pk):
    return reverse("journal-tag-detail", args=[pk])


def test_tags_crud_with_a_clear_400_for_a_taken_name(auth_client, user):
    created = auth_client.post(TAGS, {"name": " Walk "}, format="json")
    assert created.status_code == 201, created.content
    assert created.json() == {"id": created.json()["id"], "name": "Walk", "entries_count": 0}
    assert_error(auth_client.post(TAGS, {"name": "walk"}, format="json"), 400, "tag_exists", "name")
    assert_error(auth_client.post(TAGS, {"name": "  "}, format="json"), 400, "invalid", "name")
    other = auth_client.post(TAGS, {"name": "Read"}, format="json").json()
    assert_error(
        auth_client.patch(tag(other["id"]), {"name": "WALK"}, format="json"),
        400,
        "tag_exists",
        "name",
    )
    renamed = auth_client.patch(tag(other["id"]), {"name": "Reading"}, format="json")
    assert renamed.json()["name"] == "Reading"
    listing = auth_client.get(TAGS).json()
    assert [row["name"] for row in listing["results"]] == ["Reading", "Walk"]
    assert auth_client.delete(tag(other["id"])).status_code == 204
    assert list(JournalTag.objects.values_list("name", flat=True)) == ["Walk"]


def test_another_users_tag_is_404(auth_client, other_user):
    theirs = JournalTagFactory(user=other_user, name="secret")
    assert_error(auth_client.patch(tag(theirs.pk), {"name": "x"}, format="json"), 404, "not_found")
    assert_error(auth_client.delete(tag(theirs.pk)), 404, "not_found")
    assert auth_client.get(TAGS).json()["count"] == 0


@pytest.mark.parametrize("rows", [1, 6])
def test_tag_list_query_count_does_not_grow(auth_client, user, rows, django_assert_num_queries):
    for one in JournalTagFactory.create_batch(rows, user=user):
        JournalEntryFactory(user=user).tags.add(one)
    with django_assert_num_queries(2):  # the user, the page with its counts
        response = auth_client.get(TAGS)
    assert [row["entries_count"] for row in response.json()["results"]] == [1] * rows


def test_calendar_has_one_value_per_local_day(auth_client, user, other_user):
    JournalEntryFactory(user=user, date=date(2025, 7, 1), mood=5)
    JournalEntryFactory(user=user, date=date(2025, 7, 1), mood=2)
    JournalEntryFactory(user=user, date=date(2025, 12, 31), mood=4)
    JournalEntryFactory(user=user, date=date(2026, 1, 1), mood=1)
    JournalEntryFactory(user=other_user, date=date(2025, 7, 1), mood=1)
    response = auth_client.get(CALENDAR, {"year": 2025})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "year": 2025,
        "days": [
            {"date": "2025-07-01", "mood": 3.5, "entries": 2},
            {"date": "2025-12-31", "mood": 4.0, "entries": 1},
        ],
    }


def test_calendar_defaults_to_this_local_year_and_checks_its_query(auth_client, user):
    assert (
        auth_client.get(CALENDAR).json()["year"] == local_today(user=user, now=timezone.now()).year
    )
    assert_error(auth_client.get(CALENDAR, {"year": "abc"}), 400, "invalid", "year")
    assert_error(auth_client.get(CALENDAR, {"yr": "2025"}), 400, "invalid", "yr")


def test_stats_distribution_weekdays_and_streak(auth_client, user):
    today = local_today(user=user, now=timezone.now())
    # yesterday and the two days before (today not written yet: the streak still stands)
    for back, mood in [(1, 5), (2, 3), (3, 4), (3, 2), (6, 1)]:
        JournalEntryFactory(user=user, date=today - timedelta(days=back), mood=mood)
    body = auth_client.get(STATS).json()
    assert body["entries"] == 5 and body["days_with_entries"] == 4
    assert body["distribution"] == [{"mood": m, "count": 1} for m in range(1, 6)]
    assert body["mean_mood"] == 3.0
    assert body["streak"] == {"current": 3, "longest": 3}
    three_back = (today - timedelta(days=3)).weekday()
    assert body["by_weekday"][three_back] == {"weekday": three_back, "mean_mood": 3.0, "entries": 2}
    assert sum(row["entries"] for row in body["by_weekday"]) == 5


def test_stats_of_nobody_and_a_broken_streak(auth_client, user):
    empty = auth_client.get(STATS).json()
    assert empty["entries"] == 0 and empty["mean_mood"] is None
    assert empty["streak"] == {"current": 0, "longest": 0}
    today = local_today(user=user, now=timezone.now())
    JournalEntryFactory(user=user, date=today - timedelta(days=2))
    assert auth_client.get(STATS).json()["streak"] == {"current": 0, "longest": 1}
