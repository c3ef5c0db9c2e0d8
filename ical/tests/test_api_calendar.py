"""GET /api/calendar/, POST /api/calendar/regenerate/, DELETE /api/calendar/ and the feed itself."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings

from goals.tests.factories import GoalFactory
from habit_instances.models import InstanceStatus
from habit_instances.tests.factories import HabitInstanceFactory
from habits.tests.factories import HabitFactory
from ical.models import CalendarFeed
from ical.tests.conftest import feed_path, occurrences, parse
from ical.tokens import token_for_nonce
from tests_support import assert_error
from users.selectors import user_export_data
from users.services import user_wipe_data

pytestmark = pytest.mark.django_db

CALENDAR = "/api/calendar/"
REGENERATE = "/api/calendar/regenerate/"


def test_get_creates_the_url_once_and_answers_it_again(auth_client, user):
    first = auth_client.get(CALENDAR)
    second = auth_client.get(CALENDAR)

    assert first.status_code == 200
    url = first.json()["url"]
    assert second.json() == {"url": url}
    assert url.startswith(f"{django_settings.FRONTEND_URL}/ical/") and url.endswith(".ics")
    feed = CalendarFeed.objects.get(user=user)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert token == token_for_nonce(feed.nonce)
    # only a hash and the nonce are stored: neither is the token
    assert token not in (feed.token_hash, feed.nonce)


def test_the_feed_is_a_calendar_with_the_users_habit(api_client, auth_client, user):
    HabitFactory(user=user, name="Read", start_date=dt.date(2026, 3, 1))
    path = feed_path(auth_client.get(CALENDAR).json()["url"])

    response = api_client.get(path, HTTP_ACCEPT="text/calendar")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["ETag"].startswith('"')
    events = occurrences(parse(response.content), dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    assert [str(event["SUMMARY"]) for event in events] == ["Read"]


def test_the_same_feed_answers_304_to_its_etag_and_200_once_something_changed(
    api_client, auth_client, user
):
    habit = HabitFactory(user=user, name="Read")
    path = feed_path(auth_client.get(CALENDAR).json()["url"])
    etag = api_client.get(path)["ETag"]

    not_modified = api_client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert api_client.get(path, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304

    habit.name = "Read more"
    habit.save()
    changed = api_client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Read more" in changed.content


def test_completing_todays_instance_changes_the_feed(api_client, auth_client, user):
    # the URL first: the client's JWT would not be valid yet in the travelled-to past
    path = feed_path(auth_client.get(CALENDAR).json()["url"])
    with time_machine.travel(dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC), tick=False):
        habit = HabitFactory(user=user, name="Read", start_date=dt.date(2026, 3, 1))
        etag = api_client.get(path)["ETag"]
        HabitInstanceFactory(
            habit=habit, date=dt.date(2026, 3, 10), status=InstanceStatus.COMPLETED
        )

        response = api_client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    events = occurrences(parse(response.content), dt.date(2026, 3, 10), dt.date(2026, 3, 11))
    assert [str(event["SUMMARY"]) for event in events] == ["✓ Read"]


def test_regenerate_kills_the_old_url(api_client, auth_client):
    old = auth_client.get(CALENDAR).json()["url"]

    response = auth_client.post(REGENERATE)

    assert response.status_code == 200
    new = response.json()["url"]
    assert new != old
    assert auth_client.get(CALENDAR).json()["url"] == new
    assert_error(api_client.get(feed_path(old)), 404, "not_found")
    assert api_client.get(feed_path(new)).status_code == 200


def test_regenerate_before_any_get_creates_the_url(api_client, auth_client):
    response = auth_client.post(REGENERATE)

    assert response.status_code == 200
    assert api_client.get(feed_path(response.json()["url"])).status_code == 200


def test_revoke_kills_the_url_and_the_next_get_issues_a_new_one(api_client, auth_client):
    old = auth_client.get(CALENDAR).json()["url"]

    assert auth_client.delete(CALENDAR).status_code == 204

    assert_error(api_client.get(feed_path(old)), 404, "not_found")
    new = auth_client.get(CALENDAR).json()["url"]
    assert new != old


@pytest.mark.parametrize(
    "token",
    ["wrong", "A" * 43, "", "%00", "../../api/habits"],
)
def test_a_wrong_token_answers_404_in_the_error_shape(api_client, auth_client, token):
    auth_client.get(CALENDAR)

    assert_error(api_client.get(f"/ical/{token}.ics"), 404, "not_found")


def test_another_users_token_never_shows_your_data(api_client, auth_client, other_client, user):
    HabitFactory(user=user, name="Mine")
    GoalFactory(user=user, title="My goal", deadline=dt.date(2026, 5, 1))
    other_url = other_client.get(CALENDAR).json()["url"]

    response = api_client.get(feed_path(other_url))

    assert response.status_code == 200
    assert b"Mine" not in response.content and b"My goal" not in response.content
    assert list(parse(response.content).walk("VEVENT")) == []
    assert other_url != auth_client.get(CALENDAR).json()["url"]


def test_the_feed_needs_no_jwt_and_ignores_one(api_client, auth_client, other_client, user):
    HabitFactory(user=user, name="Mine")
    url = auth_client.get(CALENDAR).json()["url"]

    # signed in as someone else: still the token's owner's calendar
    assert b"Mine" in other_client.get(feed_path(url)).content


@pytest.mark.parametrize("method", ["get", "delete"])
def test_calendar_needs_sign_in(api_client, method):
    assert_error(getattr(api_client, method)(CALENDAR), 401, "not_authenticated")


def test_regenerate_needs_sign_in(api_client):
    assert_error(api_client.post(REGENERATE), 401, "not_authenticated")


def test_a_method_the_feed_does_not_have_answers_405_in_the_error_shape(api_client, auth_client):
    path = feed_path(auth_client.get(CALENDAR).json()["url"])

    assert_error(api_client.post(path), 405, "method_not_allowed")


def test_the_feed_is_throttled_per_url(api_client, auth_client, other_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "ical_feed": "2/hour",
        },
    }
    mine = feed_path(auth_client.get(CALENDAR).json()["url"])
    theirs = feed_path(other_client.get(CALENDAR).json()["url"])
    for _ in range(2):
        assert api_client.get(mine).status_code == 200

    response = api_client.get(mine)

    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert api_client.get(theirs).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_the_feeds_query_count_does_not_grow(
    api_client, auth_client, user, rows, django_assert_num_queries
):
    path = feed_path(auth_client.get(CALENDAR).json()["url"])
    with time_machine.travel(dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC), tick=False):
        for habit in HabitFactory.create_batch(rows, user=user, start_date=dt.date(2026, 3, 1)):
            HabitInstanceFactory(
                habit=habit, date=dt.date(2026, 3, 10), status=InstanceStatus.COMPLETED
            )
        GoalFactory.create_batch(rows, user=user, deadline=dt.date(2026, 4, 1))
        # the feed with its user, the habits, today's done instances, the goals
        with django_assert_num_queries(4):
            response = api_client.get(path)

    assert response.status_code == 200
    assert len(list(parse(response.content).walk("VEVENT"))) == 3 * rows


def test_export_says_whether_a_feed_exists_but_never_its_secret(auth_client, user):
    assert user_export_data(user=user)["calendar_feed"] == {"enabled": False}
    url = auth_client.get(CALENDAR).json()["url"]

    exported = user_export_data(user=user)["calendar_feed"]

    assert exported["enabled"] is True
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=user)
    assert token not in str(exported) and feed.nonce not in str(exported)


def test_wipe_removes_the_feed_and_kills_its_url(api_client, auth_client, other_client, user):
    url = auth_client.get(CALENDAR).json()["url"]
    other_url = other_client.get(CALENDAR).json()["url"]

    user_wipe_data(user=user)

    assert not CalendarFeed.objects.filter(user=user).exists()
    assert_error(api_client.get(feed_path(url)), 404, "not_found")
    assert api_client.get(feed_path(other_url)).status_code == 200
