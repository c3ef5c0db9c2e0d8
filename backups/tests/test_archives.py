"""Users' own data archives: the schedule, the beat tasks, the API, export and wipe."""

import datetime as dt
import json
import urllib.request

import pytest
from django.urls import reverse

from backups.models import UserArchive
from backups.services.archives import (
    user_archive_create,
    user_archive_schedule_set,
    user_archives_delete_expired,
    user_archives_make_due,
)
from backups.tasks import user_archives_make_due_task
from core.storage import storage_object_exists, storage_object_read
from users.selectors import user_export_data
from users.services import user_wipe_data
from users.tests.factories import UserFactory

NOW = dt.datetime(2026, 3, 12, 4, 0, tzinfo=dt.UTC)
LIST = reverse("account-archives")
SCHEDULE = reverse("account-archive-schedule")


def test_an_archive_is_the_account_export(db, file_storage, user):
    archive = user_archive_create(user=user, now=NOW)
    stored = json.loads(storage_object_read(key=archive.key))
    assert stored["account"]["email"] == user.email
    assert set(stored) == set(user_export_data(user=user))
    assert archive.expires_at == NOW + dt.timedelta(days=7)
    assert archive.size_bytes == len(storage_object_read(key=archive.key))


def test_daily_and_weekly_schedules_make_archives_when_due(db, file_storage):
    daily, weekly, off, never = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    user_archive_schedule_set(user=daily, frequency="daily", now=NOW)
    user_archive_schedule_set(user=weekly, frequency="weekly", now=NOW)
    user_archive_schedule_set(user=off, frequency="off", now=NOW)
    assert user_archives_make_due(now=NOW) == 2
    assert user_archives_make_due(now=NOW) == 0  # twice: idempotent
    assert user_archives_make_due(now=NOW + dt.timedelta(hours=12)) == 0
    assert user_archives_make_due(now=NOW + dt.timedelta(days=1)) == 1  # the daily one
    assert user_archives_make_due(now=NOW + dt.timedelta(days=7)) == 2
    counts = {user.pk: user.data_archives.count() for user in (daily, weekly, off, never)}
    assert counts == {daily.pk: 3, weekly.pk: 2, off.pk: 0, never.pk: 0}


def test_archives_expire_with_their_files(
    db, file_storage, user, django_capture_on_commit_callbacks
):
    old = user_archive_create(user=user, now=NOW - dt.timedelta(days=7))
    fresh = user_archive_create(user=user, now=NOW - dt.timedelta(days=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert user_archives_delete_expired(now=NOW) == 1
        assert user_archives_delete_expired(now=NOW) == 0
    assert list(UserArchive.objects.all()) == [fresh]
    assert not storage_object_exists(key=old.key) and storage_object_exists(key=fresh.key)


def test_the_task_runs_the_service(db, file_storage, user):
    user_archive_schedule_set(user=user, frequency="daily", now=NOW)
    assert user_archives_make_due_task() == 1
    assert user_archives_make_due_task() == 0


def test_the_list_links_each_archive_to_its_file(db, file_storage, user, auth_client, client):
    archive = user_archive_create(user=user, now=NOW)
    body = auth_client.get(LIST).json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert item["id"] == archive.pk and item["size"] == archive.size_bytes
    download = client.get(item["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == storage_object_read(key=archive.key)
    assert "atomic-habits-archive-2026-03-12-0400.json" in download["Content-Disposition"]


def test_the_signed_link_works_on_s3(db, s3_storage, user, auth_client):
    archive = user_archive_create(user=user, now=NOW)
    (item,) = auth_client.get(LIST).json()["results"]
    with urllib.request.urlopen(item["download_url"]) as answer:
        assert answer.read() == storage_object_read(key=archive.key)


def test_the_list_shows_only_ones_own_archives_newest_first(
    db, file_storage, user, other_user, auth_client
):
    older = user_archive_create(user=user, now=NOW - dt.timedelta(days=1))
    newer = user_archive_create(user=user, now=NOW)
    user_archive_create(user=other_user, now=NOW)
    ids = [item["id"] for item in auth_client.get(LIST).json()["results"]]
    assert ids == [newer.pk, older.pk]


def test_the_list_query_count_does_not_grow(
    db, file_storage, user, auth_client, django_assert_max_num_queries
):
    for days in range(2):
        user_archive_create(user=user, now=NOW - dt.timedelta(days=days))
    with django_assert_max_num_queries(4) as few:
        auth_client.get(LIST)
    for days in range(2, 6):
        user_archive_create(user=user, now=NOW - dt.timedelta(days=days))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(auth_client.get(LIST).json()["results"]) == 6


def test_the_schedule_reads_and_changes(db, auth_client):
    assert auth_client.get(SCHEDULE).json() == {"frequency": "off", "keep_days": 7}
    answer = auth_client.put(SCHEDULE, {"frequency": "weekly"}, format="json")
    assert answer.status_code == 200 and answer.json()["frequency"] == "weekly"
    assert auth_client.get(SCHEDULE).json()["frequency"] == "weekly"


@pytest.mark.parametrize("body", [{}, {"frequency": "hourly"}, {"frequency": None}])
def test_a_bad_schedule_is_a_400_with_field_errors(db, auth_client, body):
    answer = auth_client.put(SCHEDULE, body, format="json")
    assert answer.status_code == 400
    assert "frequency" in answer.json()["error"]["fields"]


def test_without_a_session_the_archives_answer_401(db, api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.put(SCHEDULE, {"frequency": "daily"}, format="json").status_code == 401


def test_export_includes_and_wipe_deletes_the_archives(
    db, file_storage, user, django_capture_on_commit_callbacks
):
    user_archive_schedule_set(user=user, frequency="daily", now=NOW)
    archive = user_archive_create(user=user, now=NOW)
    section = user_export_data(user=user)["archives"]
    assert section["schedule"] == "daily"
    assert section["archives"] == [
        {
            "created_at": NOW.isoformat(),
            "expires_at": archive.expires_at.isoformat(),
            "size": archive.size_bytes,
        }
    ]
    with django_capture_on_commit_callbacks(execute=True):
        user_wipe_data(user=user)
    assert not UserArchive.objects.exists()
    assert not storage_object_exists(key=archive.key)
    assert user_export_data(user=user)["archives"] == {"schedule": "off", "archives": []}
